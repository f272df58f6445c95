package io.attune.adapters.expressions.pack;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one pack file as plain JSON-shaped values (Map, List, String, Integer/Long/BigInteger, Double, Boolean,
 * null), safely: at most {@link #MAX_BYTES} bytes, standard tags only (no Java objects), a handful of aliases, a
 * bounded nesting depth, no duplicate keys. Unquoted dates stay strings, as JSON has no date type. Public for the
 * workflow reader, which reads YAML text with the same limits.
 */
public final class SafeYaml {

    static final int MAX_BYTES = 1024 * 1024;
    /** The field of a problem with the YAML syntax. */
    public static final String SYNTAX = "(syntax)";
    /** The field of a problem with the document as a whole (empty, not a map). */
    public static final String DOCUMENT = "(document)";
    /** The field of a problem with the file itself (too large, unreadable). */
    public static final String FILE = "(file)";

    private static final int MAX_ALIASES = 50;
    private static final int MAX_DEPTH = 50;

    private SafeYaml() {
    }

    /**
     * The top-level map of {@code file}, or empty after recording why it cannot be read. A file that is a symbolic
     * link leading out of {@code packDirectory} is refused: its text could end up in error messages.
     */
    static Optional<Map<String, Object>> readMap(Path file, Path packDirectory, FileProblems problems) {
        return readText(file, packDirectory, problems).flatMap(text -> readMap(text, problems::add));
    }

    /**
     * The text of a file of the pack (UTF-8, at most {@link #MAX_BYTES}, inside {@code packDirectory} even through
     * symbolic links), or empty after recording why it cannot be read.
     */
    static Optional<String> readText(Path file, Path packDirectory, FileProblems problems) {
        try {
            if (!file.toRealPath().startsWith(packDirectory.toRealPath())) {
                problems.add(FILE, "is a symbolic link leading outside the pack");
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(FILE, "is " + size + " bytes; pack files may be at most " + MAX_BYTES + " bytes (1 MiB)");
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString());
        } catch (CharacterCodingException e) {
            problems.add(FILE, "is not valid UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(FILE, "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The top-level map of a YAML text under the same limits as a pack file, or empty after telling {@code problems}
     * (field, message) why it cannot be read.
     */
    public static Optional<Map<String, Object>> readMap(String text, BiConsumer<String, String> problems) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            problems.accept(FILE, "is " + bytes + " bytes; pack files may be at most " + MAX_BYTES + " bytes (1 MiB)");
            return Optional.empty();
        }
        Object document;
        try {
            document = parse(new StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.accept(SYNTAX, describe(e));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.accept(SYNTAX, e.getMessage() == null ? "invalid YAML" : e.getMessage().strip());
            return Optional.empty();
        }
        return topLevelMap(document, problems);
    }

    private static Optional<Map<String, Object>> topLevelMap(Object document, BiConsumer<String, String> sink) {
        int[] count = {0};
        BiConsumer<String, String> problems = (field, message) -> {
            count[0]++;
            sink.accept(field, message);
        };
        if (document == null) {
            problems.accept(DOCUMENT, "is empty: expected a map of fields");
            return Optional.empty();
        }
        if (!(document instanceof Map<?, ?>)) {
            problems.accept(DOCUMENT, "must be a map of fields at the top level, got " + Fields.describe(plain(document, "", problems)));
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(document, "", problems);
        return count[0] == 0 ? Optional.of(map) : Optional.empty();
    }

    private static Object parse(Reader reader) {
        try (reader) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setAllowRecursiveKeys(false);
            options.setAllowDuplicateKeys(false);
            options.setNestingDepthLimit(MAX_DEPTH);
            options.setCodePointLimit(MAX_BYTES);
            options.setTagInspector(tag -> false);
            DumperOptions dumper = new DumperOptions();
            Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new JsonResolver());
            return yaml.load(reader);
        } catch (IOException e) {
            throw new YAMLException(e.getMessage() == null ? "cannot be read" : e.getMessage());
        }
    }

    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : "invalid YAML";
        String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
        return where + problem.strip() + context;
    }

    /** Converts what SafeConstructor built into JSON-shaped values, recording values JSON cannot hold. */
    private static Object plain(Object value, String path, BiConsumer<String, String> problems) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                copy.put(key, plain(v, path.isEmpty() ? key : path + "." + key, problems));
            });
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            int i = 0;
            for (Object item : list) {
                copy.add(plain(item, path + "[" + i++ + "]", problems));
            }
            return copy;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            problems.accept(path.isEmpty() ? DOCUMENT : path, "must be a finite number (JSON has no " + d + ")");
            return null;
        }
        if (value instanceof byte[]) {
            problems.accept(path.isEmpty() ? DOCUMENT : path, "binary values (!!binary) are not supported");
            return null;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger || value instanceof Double) {
            return value;
        }
        problems.accept(path.isEmpty() ? DOCUMENT : path, "has an unsupported value of type " + value.getClass().getSimpleName());
        return null;
    }

    /** YAML 1.1 scalars as usual, except timestamps: an unquoted date stays a string. */
    private static final class JsonResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
        }
    }
}
