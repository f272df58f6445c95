package io.attune.adapters.expressions.pack;

import io.attune.domain.common.Ref;
import java.util.Optional;

/** A component's ref: {@code ref: mypack.greet}, or StackStorm's {@code name: greet} (+ optional {@code pack: mypack}). */
final class Refs {

    /** A resolved ref and the key it came from ({@code ref} or {@code name}), for naming it in later errors. */
    record Named(Ref ref, String field) {
    }

    private Refs() {
    }

    /**
     * The file's ref. With {@code packKeyNamesOwner} a {@code pack} key names the pack the component belongs to
     * (StackStorm); a policy's {@code pack} key names its target instead, so policies pass false.
     */
    static Optional<Named> resolve(PackContext pack, Fields fields, String example, boolean packKeyNamesOwner) {
        Optional<String> declaredPack = packKeyNamesOwner ? fields.text("pack") : Optional.empty();
        if (declaredPack.isPresent() && pack.known() && !declaredPack.get().equals(pack.pack())) {
            fields.problem("pack", "is '" + declaredPack.get() + "', but this file is in pack '" + pack.pack() + "'");
            return Optional.empty();
        }
        if (fields.has("ref")) {
            Optional<String> text = fields.text("ref");
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Ref ref;
            try {
                ref = Ref.parse(text.get());
            } catch (IllegalArgumentException e) {
                fields.problem("ref", e.getMessage() + (text.get().contains(".") ? ""
                        : "; write '" + pack.pack() + "." + text.get() + "' or use name: " + text.get()));
                return Optional.empty();
            }
            if (pack.known() && !ref.pack().equals(pack.pack())) {
                fields.problem("ref", "'" + ref + "' belongs to pack '" + ref.pack() + "', but this file is in pack '"
                        + pack.pack() + "'; use '" + pack.pack() + "." + ref.name() + "'");
                return Optional.empty();
            }
            Optional<String> name = fields.text("name");
            if (name.isPresent() && !name.get().equals(ref.name())) {
                fields.problem("name", "is '" + name.get() + "' but the ref '" + ref + "' names '" + ref.name()
                        + "'; give one of them, or make them agree");
                return Optional.empty();
            }
            return Optional.of(new Named(ref, "ref"));
        }
        if (fields.has("name")) {
            Optional<String> name = fields.text("name");
            if (name.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Named(new Ref(pack.pack(), name.get()), "name"));
            } catch (IllegalArgumentException e) {
                fields.problem("name", e.getMessage());
                return Optional.empty();
            }
        }
        fields.problem("ref", "is required: give ref: " + pack.pack() + "." + example + " (or name: " + example + ")");
        return Optional.empty();
    }

    /**
     * Parses a ref to another component ({@code mypack.alert}), recording a problem under {@code field}; a bare
     * name gets the advice to prefix it with {@code pack}.
     */
    static Optional<Ref> reference(FileProblems problems, String field, String text, String pack) {
        try {
            return Optional.of(Ref.parse(text));
        } catch (IllegalArgumentException e) {
            boolean bare = !text.isBlank() && !text.contains(".");
            problems.add(field, e.getMessage() + (bare ? "; e.g. '" + pack + "." + text + "'" : ""));
            return Optional.empty();
        }
    }
}
