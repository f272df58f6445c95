package io.attune.application.service;

import static io.attune.application.contract.CatalogSamples.workflowAction;
import static io.attune.application.service.Fixtures.action;
import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.fake.StepCronSchedules;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation.InstallPack;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.PackContent;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A workflow's tasks may name actions of its own pack or installed ones; any other action refuses the pack. */
class WorkflowPackInstallationTest {

    /**
     * Reads a stand-in syntax: one task per line, {@code name action}; text starting with {@code broken} is invalid.
     */
    private static final WorkflowReader LINES = (text, file) -> {
        if (text.startsWith("broken")) {
            return new WorkflowReader.Read.Invalid(List.of(FieldError.inFile(file, "tasks", "is broken")));
        }
        Map<String, TaskSpec> tasks = new LinkedHashMap<>();
        text.lines().map(line -> line.split(" ")).forEach(words -> tasks.put(words[0], new TaskSpec(words[0],
                Optional.of(words[1]), Map.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty())));
        return new WorkflowReader.Read.Valid(new WorkflowDefinition("1.0", "", List.of(), List.of(), List.of(), tasks));
    };

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private PackContent onDisk;
    private final PackInstallationService service = new PackInstallationService(dir -> onDisk,
            new ProgrammableSchemaValidator(), catalog, catalog, catalog.triggers(), new InMemoryTransactionRunner(store),
            new TimerSchedules(new StepCronSchedules()), LINES);

    @BeforeEach
    void installCore() {
        catalog.replace(new PackContent(pack("core"), List.of(action("core.local")), List.of(), List.of(), List.of(),
                List.of()));
    }

    private static PackContent demo(String workflow) {
        return new PackContent(pack("demo"), List.of(workflowAction("demo.deploy"), action("demo.build")), List.of(),
                List.of(), List.of(), List.of(), Map.of(),
                Map.of(Ref.parse("demo.deploy"), new WorkflowSource("actions/workflows/deploy.yaml", workflow)));
    }

    private List<FieldError> refused(PackContent content) {
        onDisk = content;
        return catchThrowableOfType(UseCaseException.PackRejected.class,
                () -> service.install(new InstallPack(Path.of("/p/demo")))).errors();
    }

    @Test
    void installsAWorkflowNamingActionsOfItsPackInstalledOnesAndExpressions() {
        onDisk = demo("build demo.build\nrun core.local\npick <% ctx(action) %>");

        service.install(new InstallPack(Path.of("/p/demo")));

        assertThat(catalog.workflows().find(Ref.parse("demo.deploy")))
                .hasValueSatisfying(source -> assertThat(source.file()).isEqualTo("actions/workflows/deploy.yaml"));
    }

    @Test
    void refusesTasksNamingActionsNobodyHasNamingFileTaskAndField() {
        List<FieldError> errors = refused(demo("build demo.build\nship other.ship\nwrite core.write"));

        assertThat(errors).extracting(FieldError::toString).containsExactly(
                "actions/workflows/deploy.yaml: tasks.ship.action: action 'other.ship' does not exist",
                "actions/workflows/deploy.yaml: tasks.write.action: action 'core.write' does not exist");
        assertThat(catalog.find("demo")).isEmpty();
    }

    @Test
    void refusesATaskActionThatIsNotARef() {
        assertThat(refused(demo("build Build.It"))).extracting(FieldError::field).containsExactly("tasks.build.action");
    }

    @Test
    void refusesASourceTheReaderFindsInvalid() {
        assertThat(refused(demo("broken"))).extracting(FieldError::toString)
                .containsExactly("actions/workflows/deploy.yaml: tasks: is broken");
    }
}
