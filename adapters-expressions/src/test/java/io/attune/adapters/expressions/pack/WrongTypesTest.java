package io.attune.adapters.expressions.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.attune.adapters.expressions.schema.NetworkntSchemaValidator;
import io.attune.adapters.expressions.workflow.OrquestaWorkflowReader;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.fake.FakeExpressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Puts a value of every YAML kind at every field the reader knows, in every kind of file: the reader must answer
 * with content or with PackRejected naming that file, never with another exception (a ClassCastException...).
 */
class WrongTypesTest {

    private static final YamlPackReader READER = new YamlPackReader(new NetworkntSchemaValidator(),
            new OrquestaWorkflowReader(new FakeExpressions()));
    private static final List<Object> VALUES = Arrays.asList("text", 0, 1.5, true, null, List.of(1, "x"), Map.of("a", 1));

    @TempDir
    Path dir;

    @Test
    void answersEveryWrongTypeWithAProblemOfThatFile() throws Exception {
        Map<String, Map<String, Object>> files = base();
        write(dir.resolve("base"), files);
        assertThat(READER.read(dir.resolve("base")).policies()).as("the unchanged pack is valid").hasSize(4);
        int cases = 0;
        for (Map.Entry<String, Map<String, Object>> file : files.entrySet()) {
            for (List<String> path : paths(file.getValue(), List.of())) {
                for (Object value : VALUES) {
                    Path pack = dir.resolve("case" + cases++);
                    write(pack, files);
                    Map<String, Object> changed = copy(file.getValue());
                    set(changed, path, value);
                    Files.writeString(pack.resolve(file.getKey()), new Yaml().dump(changed));
                    try {
                        READER.read(pack);
                    } catch (UseCaseException.PackRejected e) {
                        assertThat(e.errors()).as(file.getKey() + " " + path + " = " + value)
                                .allSatisfy(error -> assertThat(error.file()).isPresent());
                    } catch (RuntimeException e) {
                        fail(file.getKey() + " " + String.join(".", path) + " = " + value + " threw " + e, e);
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(400);
    }

    /** A valid pack: one file of each kind, every field the reader knows present. */
    private static Map<String, Map<String, Object>> base() {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        files.put("pack.yaml", map("ref", "mypack", "label", "My pack", "version", "1.0.0", "description", "d"));
        files.put("actions/greet.yaml", map("ref", "mypack.greet", "description", "d", "runner", "shell",
                "entry_point", "greet.sh", "output_format", "text", "timeout", 5, "enabled", true,
                "worker_labels", map("region", "eu"),
                "parameters", map("name", map("type", "string", "required", true, "secret", false, "default", "x",
                        "immutable", false, "position", 0))));
        files.put("actions/st2.yaml", map("name", "st2", "pack", "mypack", "runner_type", "local-shell-cmd"));
        files.put("triggers/alert.yaml", map("ref", "mypack.alert", "description", "d",
                "payload_schema", map("type", "object", "properties", map("host", map("type", "string")),
                        "required", List.of("host")),
                "parameters_schema", map("type", "object", "properties", map("every", map("type", "integer")))));
        files.put("sensors/watch.yaml", map("ref", "mypack.watch", "runner", "python", "entry_point", "watch.py",
                "triggers", List.of("mypack.alert"), "config", map("a", 1), "poll_interval", 5, "enabled", false));
        files.put("rules/on_alert.yaml", map("ref", "mypack.on_alert", "description", "d", "enabled", true,
                "trigger", map("type", "mypack.alert", "parameters", map("every", 1)),
                "criteria", map("trigger.host", map("type", "equals", "pattern", "web1")),
                "action", map("ref", "mypack.greet", "parameters", map("name", "{{ trigger.host }}"))));
        files.put("policies/limit.yaml", map("ref", "mypack.limit", "description", "d", "enabled", true,
                "action", "mypack.greet",
                "concurrency", map("limit", 2, "behavior", "delay", "attributes", List.of("name")),
                "rate_limit", map("max", 5, "window_seconds", 60, "behavior", "reject")));
        files.put("policies/st2.yaml", map("name", "st2", "resource_ref", "mypack.greet",
                "policy_type", "action.concurrency", "parameters", map("threshold", 1, "action", "cancel")));
        files.put("policies/pack.yaml", map("ref", "mypack.whole", "pack", "mypack", "concurrency", map("limit", 1)));
        files.put("policies/global.yaml", map("ref", "mypack.all", "global", true, "rate_limit",
                map("max", 1, "window_seconds", 1)));
        return files;
    }

    private static void write(Path pack, Map<String, Map<String, Object>> files) throws Exception {
        for (Map.Entry<String, Map<String, Object>> file : files.entrySet()) {
            Path path = pack.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, new Yaml().dump(file.getValue()));
        }
        Files.writeString(pack.resolve("actions/greet.sh"), "#!/bin/sh\n");
        Files.writeString(pack.resolve("sensors/watch.py"), "print()\n");
    }

    private static List<List<String>> paths(Map<String, Object> map, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        map.forEach((key, value) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(key);
            paths.add(path);
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) nested;
                paths.addAll(paths(inner, path));
            }
        });
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> map, List<String> path, Object value) {
        Map<String, Object> target = map;
        for (String key : path.subList(0, path.size() - 1)) {
            target = (Map<String, Object>) target.get(key);
        }
        target.put(path.getLast(), value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? copy((Map<String, Object>) m) : v));
        return copy;
    }

    private static Map<String, Object> map(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }
}
