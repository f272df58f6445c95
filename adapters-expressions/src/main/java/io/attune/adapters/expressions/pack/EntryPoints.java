package io.attune.adapters.expressions.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Checks an entry point: a relative path to an existing file inside the component's folder (actions/ or sensors/). */
final class EntryPoints {

    static final String FIELD = "entry_point";

    private EntryPoints() {
    }

    /** The entry point as written, if present and valid; problems are recorded under {@code entry_point}. */
    static Optional<String> read(PackContext pack, Fields fields, String folder) {
        Optional<String> text = fields.text(FIELD);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        if (value.isBlank()) {
            fields.problem(FIELD, "must not be empty");
            return Optional.empty();
        }
        if (value.startsWith("/") || value.startsWith("\\") || value.matches("^[A-Za-z]:.*")) {
            fields.problem(FIELD, "must be a path relative to " + folder + "/, got '" + value + "'");
            return Optional.empty();
        }
        if (Arrays.asList(value.split("[/\\\\]")).contains("..")) {
            fields.problem(FIELD, "must stay inside " + folder + "/: '..' is not allowed in '" + value + "'");
            return Optional.empty();
        }
        Path base = pack.directory().resolve(folder).toAbsolutePath().normalize();
        Path target;
        try {
            target = base.resolve(value).normalize();
        } catch (InvalidPathException e) {
            fields.problem(FIELD, "'" + value + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
        if (!target.startsWith(base) || target.equals(base)) {
            fields.problem(FIELD, "must name a file inside " + folder + "/, got '" + value + "'");
            return Optional.empty();
        }
        String shown = folder + "/" + base.relativize(target).toString().replace('\\', '/');
        if (!Files.exists(target)) {
            fields.problem(FIELD, "file " + shown + " does not exist");
            return Optional.empty();
        }
        if (!Files.isRegularFile(target)) {
            fields.problem(FIELD, shown + " is not a regular file");
            return Optional.empty();
        }
        try {
            if (!target.toRealPath().startsWith(base.toRealPath())) {
                fields.problem(FIELD, shown + " leads outside " + folder + "/ through a symbolic link");
                return Optional.empty();
            }
        } catch (IOException e) {
            fields.problem(FIELD, shown + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
