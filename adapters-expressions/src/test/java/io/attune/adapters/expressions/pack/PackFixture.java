package io.attune.adapters.expressions.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a pack directory for a test: a valid pack.yaml for pack {@code mypack}, plus whatever files the test adds. */
final class PackFixture {

    static final String PACK_YAML = """
            ref: mypack
            label: My pack
            version: 1.0.0
            description: A pack for tests.
            """;

    private final Path dir;

    private PackFixture(Path dir) {
        this.dir = dir;
    }

    /** A pack named mypack in {@code dir}, with only its pack.yaml. */
    static PackFixture in(Path dir) {
        return new PackFixture(dir).file("pack.yaml", PACK_YAML);
    }

    PackFixture file(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An executable script (a file an entry point may name). */
    PackFixture script(String relative) {
        file(relative, "#!/bin/sh\necho hello\n");
        try {
            Files.setPosixFilePermissions(dir.resolve(relative), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // Permissions do not matter to the reader; they only make the fixture look like a real pack.
        }
        return this;
    }

    PackFixture delete(String relative) {
        try {
            Files.deleteIfExists(dir.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The action actions/greet.yaml (shell, greet.sh, parameters name and times) with its script. */
    PackFixture greetAction() {
        return script("actions/greet.sh").file("actions/greet.yaml", """
                ref: mypack.greet
                runner: shell
                entry_point: greet.sh
                parameters:
                  name: {type: string, required: true}
                  times: {type: integer, default: 1}
                """);
    }

    /** The trigger triggers/alert.yaml (payload host and severity). */
    PackFixture alertTrigger() {
        return file("triggers/alert.yaml", """
                ref: mypack.alert
                payload_schema:
                  type: object
                  properties:
                    host: {type: string}
                    severity: {type: string}
                """);
    }

    Path dir() {
        return dir;
    }
}
