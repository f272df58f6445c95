package io.attune.adapters.expressions.pack;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.PackReader;
import io.attune.adapters.expressions.regex.Re2jRegexEngine;
import io.attune.adapters.expressions.template.JinjavaTemplateRenderer;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TemplateRenderer;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.action.RunnerType;
import io.attune.domain.workflow.WorkflowSource;
import io.attune.domain.workflow.WorkflowValidator;
import io.attune.domain.rule.criteria.RegexEngine;
import jakarta.inject.Inject;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.pack.PackWarning;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a pack directory written in YAML (design §9): {@code pack.yaml}, then one component per file in
 * {@code actions/}, {@code triggers/}, {@code sensors/}, {@code rules/} and {@code policies/} ({@code .yaml} or
 * {@code .yml}). Every problem is collected before the pack is rejected, each named by file and field. A key the
 * reader does not use is never dropped without a word: it becomes a warning on the pack, naming file and key, and saying
 * whether it is a StackStorm key Attune deliberately ignores or an unknown one ({@link UnusedKeys}); a missing
 * required field also points out a present key that looks like a misspelling of it.
 *
 * <p>A workflow action ({@code runner: workflow}, or StackStorm's {@code runner_type: orquesta}) names its Orquesta
 * YAML as its entry point, anywhere under {@code actions/} (StackStorm keeps them in {@code actions/workflows/}): the
 * file is read and checked strictly (problems name the file, the task and the field), its tasks may name only actions
 * the pack has among its own, and its text is kept in the content to be stored with the action. Actions of other
 * packs are left to the installer, which knows the catalog.
 */
@Singleton
public final class YamlPackReader implements PackReader {

    static final String PACK_FILE = "pack.yaml";

    private final SchemaValidator schemas;
    private final RegexEngine regexes;
    private final TemplateRenderer templates;
    private final WorkflowReader workflows;

    /** With the server's engines: RE2/J for criteria regexes, Jinjava with its default limits for templates. */
    public YamlPackReader(SchemaValidator schemas, WorkflowReader workflows) {
        this(schemas, new Re2jRegexEngine(), new JinjavaTemplateRenderer(), workflows);
    }

    @Inject
    public YamlPackReader(SchemaValidator schemas, RegexEngine regexes, TemplateRenderer templates,
                          WorkflowReader workflows) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.regexes = Objects.requireNonNull(regexes, "regexes");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.workflows = Objects.requireNonNull(workflows, "workflows");
    }

    /** Parses one component file given its ref (empty when the ref is missing, invalid or a duplicate). */
    @FunctionalInterface
    private interface Parser<T> {
        Optional<T> parse(PackFile file, Optional<Ref> ref);
    }

    @Override
    public PackContent read(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            String message = "'" + directory + "' is not a directory";
            throw new UseCaseException.PackRejected("pack directory " + message, List.of(FieldError.of("directory", message)));
        }
        List<FieldError> errors = new ArrayList<>();
        List<PackWarning> warnings = new ArrayList<>();
        Header header = readHeader(directory, errors, warnings);
        PackContext pack = new PackContext(directory, header.name(), header.known(), schemas, regexes, templates);
        InPack inPack = new InPack(header.name());

        Set<String> workflowFiles = workflowFiles(directory);
        Map<String, String> files = new HashMap<>();
        List<Action> actions = readAll(pack, ActionParser.FOLDER, warnings, workflowFiles, errors, files, true,
                inPack.actions, (file, ref) -> ActionParser.parse(pack, file, ref));
        List<Trigger> triggers = readAll(pack, TriggerParser.FOLDER, warnings, Set.of(), errors, files, true,
                inPack.triggers, (file, ref) -> TriggerParser.parse(pack, file, ref));
        List<Sensor> sensors = readAll(pack, SensorParser.FOLDER, warnings, Set.of(), errors, files, true,
                new HashMap<>(), (file, ref) -> SensorParser.parse(pack, file, ref, inPack));
        List<Rule> rules = readAll(pack, RuleParser.FOLDER, warnings, Set.of(), errors, files, true,
                new HashMap<>(), (file, ref) -> RuleParser.parse(pack, file, ref, inPack));
        List<Policy> policies = readAll(pack, PolicyParser.FOLDER, warnings, Set.of(), errors, files, false,
                new HashMap<>(), (file, ref) -> PolicyParser.parse(pack, file, ref, inPack));
        Map<Ref, WorkflowSource> sources = workflowSources(pack, actions, inPack, errors);

        if (!errors.isEmpty() || header.pack().isEmpty()) {
            throw rejected(header, directory, errors);
        }
        try {
            return new PackContent(header.pack().get().withWarnings(warnings), actions, triggers, sensors, rules,
                    policies, files, sources);
        } catch (IllegalArgumentException e) {
            throw rejected(header, directory, List.of(FieldError.inFile(PACK_FILE, "ref", e.getMessage())));
        }
    }

    /** What pack.yaml gave: the pack if valid, and the name to check components against (a stand-in if unknown). */
    private record Header(Optional<Pack> pack, String name, boolean known) {
    }

    private static Header readHeader(Path directory, List<FieldError> errors, List<PackWarning> warnings) {
        FileProblems problems = new FileProblems(PACK_FILE, errors);
        String fallback = Optional.ofNullable(directory.toAbsolutePath().normalize().getFileName())
                .map(Path::toString).filter(Ref::isValidPackName).orElse("pack");
        Path file = directory.resolve(PACK_FILE);
        if (!Files.isRegularFile(file)) {
            problems.add(SafeYaml.FILE, Files.isRegularFile(directory.resolve("pack.yml"))
                    ? "is missing: found pack.yml; rename it to pack.yaml"
                    : "is missing: every pack needs a pack.yaml with ref, version and description");
            return new Header(Optional.empty(), fallback, false);
        }
        Optional<Map<String, Object>> document = SafeYaml.readMap(file, directory, problems);
        if (document.isEmpty()) {
            return new Header(Optional.empty(), fallback, false);
        }
        Fields fields = new Fields(document.get(), "", problems);
        int before = problems.count();
        String refKey = fields.has("ref") ? "ref" : "name";
        Optional<String> ref = Optional.empty();
        if (!fields.has(refKey)) {
            fields.missing("ref", fallback);
        } else {
            ref = fields.text(refKey).filter(r -> {
                if (!Ref.isValidPackName(r)) {
                    fields.problem(refKey, "invalid pack name '" + r
                            + "': use lowercase letters, digits and '_', starting with a letter");
                    return false;
                }
                return true;
            });
        }
        Optional<String> label = fields.text("label").or(() -> refKey.equals("ref") ? fields.text("name") : Optional.empty());
        Optional<String> version = fields.text("version");
        if (!fields.has("version")) {
            fields.missing("version", "1.0.0");
        }
        Optional<String> description = fields.text("description");
        warnings.addAll(UnusedKeys.of(PACK_FILE, PACK_FILE, fields));
        if (ref.isEmpty()) {
            return new Header(Optional.empty(), fallback, false);
        }
        if (problems.count() > before || version.isEmpty()) {
            return new Header(Optional.empty(), ref.get(), true);
        }
        String name = ref.get();
        Optional<Pack> pack = DomainErrors.build(problems, () -> new Pack(name, label.orElse(null), version.get(),
                description.orElse(null), directory.toAbsolutePath().normalize().toString()), refKey, "version");
        return new Header(pack, name, true);
    }

    private <T> List<T> readAll(PackContext pack, String folder, List<PackWarning> warnings, Set<String> skipped,
                                List<FieldError> errors,
                                Map<String, String> files, boolean packKeyNamesOwner, Map<Ref, Optional<T>> declared, Parser<T> parser) {
        List<T> components = new ArrayList<>();
        Map<Ref, String> declaredIn = new HashMap<>();
        for (Path path : yamlFiles(pack.directory().resolve(folder))) {
            String name = folder + "/" + path.getFileName();
            if (skipped.contains(name)) {
                continue;
            }
            FileProblems problems = new FileProblems(name, errors);
            Optional<Map<String, Object>> document = SafeYaml.readMap(path, pack.directory(), problems);
            if (document.isEmpty()) {
                continue;
            }
            PackFile file = new PackFile(name, new Fields(document.get(), "", problems));
            Optional<Refs.Named> named = Refs.resolve(pack, file.fields(), file.stem(), packKeyNamesOwner);
            Optional<Ref> ref = named.map(Refs.Named::ref);
            if (named.isPresent() && declaredIn.containsKey(named.get().ref())) {
                problems.add(named.get().field(), "duplicate ref '" + named.get().ref() + "': "
                        + declaredIn.get(named.get().ref()) + " declares it already");
                ref = Optional.empty();
            }
            ref.ifPresent(r -> {
                declaredIn.put(r, name);
                declared.put(r, Optional.empty());
            });
            Optional<T> component = parser.parse(file, ref);
            warnings.addAll(UnusedKeys.of(folder, name, file.fields()));
            if (component.isPresent() && ref.isPresent()) {
                declared.put(ref.get(), component);
                components.add(component.get());
                files.put(ref.get().toString(), name);
            }
        }
        return components;
    }

    /**
     * The YAML of each workflow action, read and checked; an action of this pack that a task names must be declared
     * here (a file with problems of its own still counts as declared).
     */
    private Map<Ref, WorkflowSource> workflowSources(PackContext pack, List<Action> actions, InPack inPack,
                                                     List<FieldError> errors) {
        Map<Ref, WorkflowSource> sources = new LinkedHashMap<>();
        Path folder = pack.directory().resolve(ActionParser.FOLDER).toAbsolutePath().normalize();
        for (Action action : actions) {
            if (action.runner() != RunnerType.WORKFLOW || action.entryPoint().isEmpty()) {
                continue;
            }
            Path path = folder.resolve(action.entryPoint().get()).normalize();
            String name = ActionParser.FOLDER + "/" + folder.relativize(path).toString().replace('\\', '/');
            FileProblems problems = new FileProblems(name, errors);
            Optional<String> text = SafeYaml.readText(path, pack.directory(), problems);
            if (text.isEmpty()) {
                continue;
            }
            switch (workflows.read(text.get(), name)) {
                case WorkflowReader.Read.Invalid invalid -> errors.addAll(invalid.errors());
                case WorkflowReader.Read.Valid valid -> {
                    int before = problems.count();
                    WorkflowValidator.namedActions(valid.definition().tasks()).forEach((task, named) ->
                            ref(named).filter(ref -> inPack.owns(ref) && !inPack.actions.containsKey(ref))
                                    .ifPresent(ref -> problems.add("tasks." + task + ".action", "action '" + ref
                                            + "' does not exist: pack '" + inPack.pack + "' declares no such action")));
                    if (problems.count() == before) {
                        sources.put(action.ref(), new WorkflowSource(name, text.get()));
                    }
                }
            }
        }
        return sources;
    }

    /** A task's action as a ref; one that is no ref is the workflow reader's to report. */
    private static Optional<Ref> ref(String action) {
        try {
            return Optional.of(Ref.parse(action));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Files under actions/ that are the entry points of workflow actions (a workflow's task graph is YAML too, and
     * may sit beside the action files): they are not action definitions.
     */
    private static Set<String> workflowFiles(Path directory) {
        Set<String> files = new HashSet<>();
        Path folder = directory.resolve(ActionParser.FOLDER);
        for (Path path : yamlFiles(folder)) {
            FileProblems ignored = new FileProblems(path.toString(), new ArrayList<>());
            SafeYaml.readMap(path, directory, ignored).ifPresent(document -> {
                Object runner = document.getOrDefault("runner", document.get("runner_type"));
                boolean workflow = runner instanceof String code
                        && RunnerType.fromCode(code).filter(r -> r == RunnerType.WORKFLOW).isPresent();
                if (workflow && document.get("entry_point") instanceof String entryPoint) {
                    Path target = folder.resolve(entryPoint).normalize();
                    if (target.getParent() != null && target.getParent().equals(folder.normalize())) {
                        files.add(ActionParser.FOLDER + "/" + target.getFileName());
                    }
                }
            });
        }
        return files;
    }

    private static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UseCaseException.PackRejected("cannot list " + folder,
                    List.of(FieldError.inFile(folder.getFileName().toString(), SafeYaml.FILE, "cannot be listed: " + e.getMessage())));
        }
    }

    private static UseCaseException.PackRejected rejected(Header header, Path directory, List<FieldError> errors) {
        String which = header.known() ? "pack '" + header.name() + "'" : "the pack in " + directory;
        int n = errors.size();
        return new UseCaseException.PackRejected(which + " is invalid: " + n + (n == 1 ? " problem" : " problems"), errors);
    }
}
