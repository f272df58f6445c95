package io.attune.adapters.http.fake;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.pack.Pack;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs packs by reading {@code ref:} and {@code version:} from pack.yaml; records, for each install, the directory
 * and the files it held at that moment. A pack.yaml containing {@code reject: true} is refused as invalid.
 */
@Singleton
public final class FakePackInstallation implements PackInstallation {

    private final FakeCatalog catalog;
    private final List<Installed> installs = new CopyOnWriteArrayList<>();

    FakePackInstallation(FakeCatalog catalog) {
        this.catalog = catalog;
    }

    /** One install: the directory handed over, and its files (relative paths) with their contents. */
    public record Installed(Path directory, Map<String, String> files) {
    }

    public List<Installed> installs() {
        return installs;
    }

    public void reset() {
        installs.clear();
    }

    @Override
    public InstallReport install(InstallPack command) {
        Path directory = command.directory();
        installs.add(new Installed(directory, files(directory)));
        Path packFile = directory.resolve("pack.yaml");
        if (!Files.isRegularFile(packFile)) {
            throw new UseCaseException.PackRejected("pack.yaml is missing",
                    List.of(FieldError.inFile("pack.yaml", "pack.yaml", "file not found")));
        }
        Map<String, String> fields = yaml(packFile);
        if ("true".equals(fields.get("reject"))) {
            throw new UseCaseException.PackRejected("the pack has 1 problem",
                    List.of(FieldError.inFile("actions/greet.yaml", "runner", "unknown runner 'cobol'")));
        }
        Pack pack = new Pack(fields.get("ref"), fields.get("name"), fields.getOrDefault("version", "1.0.0"),
                fields.get("description"), directory.toString());
        Pack replaced = catalog.packStore().put(pack.ref(), pack);
        return new InstallReport(pack, 1, 0, 0, 0, 0, List.of(), java.util.Optional.ofNullable(replaced));
    }

    @Override
    public Pack uninstall(String pack) {
        Pack removed = catalog.packStore().remove(pack);
        if (removed == null) {
            throw new UseCaseException.NotFound("pack", pack);
        }
        return removed;
    }

    private static Map<String, String> yaml(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.contains(":"))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')).trim(),
                            l -> l.substring(l.indexOf(':') + 1).trim(), (a, b) -> b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> files(Path directory) {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> directory.relativize(p).toString().replace('\\', '/'),
                            FakePackInstallation::read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
