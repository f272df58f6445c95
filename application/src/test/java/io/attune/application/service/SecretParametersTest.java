package io.attune.application.service;

import static io.attune.application.service.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attune.application.fake.FakeSecretCipher;
import io.attune.application.fake.InMemoryAdmissionLedger;
import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryExecutions;
import io.attune.application.fake.InMemoryOutbox;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.fake.InMemoryWorkers;
import io.attune.application.fake.MutableClock;
import io.attune.application.fake.ProgrammableSchemaValidator;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRunner;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.application.fake.InMemoryExecutionOutputs;
import io.attune.domain.execution.OutputChunk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secret action parameters: stored sealed, shown masked, opened only by the worker, and rerun intact. */
class SecretParametersTest {

    private static final String TOKEN = "tok-hunter2-0001";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryAdmissionLedger ledger = new InMemoryAdmissionLedger();
    private final Dispatch dispatch = new Dispatch(executions, catalog, outbox, outbox, tx);
    private final FakeSecretCipher cipher = new FakeSecretCipher();
    private final ExecutionEnding ending = Fixtures.ending(executions, ledger, dispatch, tx, clock);
    private final ExecutionService service = new ExecutionService(catalog, catalog.policies(), executions, ledger,
            new InMemoryWorkers(), new ProgrammableSchemaValidator(), cipher, dispatch, ending, tx, clock, Fixtures.idempotency(tx, clock));
    private final RecordingRunner runner = new RecordingRunner();
    private final InMemoryExecutionOutputs outputs = new InMemoryExecutionOutputs(executions);

    private WorkerService worker(FakeSecretCipher workerCipher) {
        return new WorkerService(new WorkerService.Settings("w1", "localhost", 2, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMinutes(10), 1024, Map.of()), List.of(runner), executions, catalog, catalog,
                new InMemoryWorkers(), workerCipher, dispatch, ending, tx, clock, Executors.newVirtualThreadPerTaskExecutor(),
                outputs);
    }

    @BeforeEach
    void install() {
        Action deploy = new Action(Ref.parse("demo.deploy"), "", RunnerType.SHELL, Optional.of("deploy.sh"),
                new ParameterSchema(Map.of("env", Map.of("type", "string"),
                        "token", Map.of("type", "string", "secret", true),
                        "pin", Map.of("type", "integer", "secret", true),
                        "blob", Map.of("type", "object", "secret", true))),
                OutputFormat.TEXT, Optional.empty(), true);
        Policy perToken = new Policy(Ref.parse("demo.per_token"), "", new Policy.ActionTarget(deploy.ref()),
                Optional.of(new Policy.Concurrency(5, Policy.ConcurrencyBehavior.DELAY, List.of("token"))),
                Optional.empty(), true);
        catalog.replace(new PackContent(pack("demo"), List.of(deploy), List.of(), List.of(), List.of(), List.of(perToken)));
    }

    private ExecutionView request(Map<String, Object> parameters) {
        return service.request(RequestExecution.of("demo.deploy", parameters));
    }

    private Execution awaitEnd(long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Execution e = executions.find(id).orElseThrow();
        while (!e.status().isTerminal() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            e = executions.find(id).orElseThrow();
        }
        return e;
    }

    @Test
    void secretParametersAreStoredSealedShownMaskedAndPolicyKeysNeverHoldThem() {
        ExecutionView view = request(Map.of("env", "prod", "token", TOKEN, "pin", 1234));

        Execution stored = executions.find(view.execution().id()).orElseThrow();
        assertThat(stored.parameters()).containsEntry("env", "prod");
        assertThat(stored.parameters().toString()).doesNotContain(TOKEN).doesNotContain("1234");
        assertThat(cipher.isSealed((String) stored.parameters().get("token"))).isTrue();
        assertThat(view.execution().parameters()).containsEntry("token", "********").containsEntry("pin", "********");
        assertThat(service.get(view.execution().id()).execution().parameters()).containsEntry("token", "********");
        assertThat(service.queueStats("demo.deploy").toString() + outbox.published()).doesNotContain(TOKEN);
    }

    @Test
    void theWorkerGivesTheActionItsSecretsInClearWithTheirTypes() {
        long id = request(Map.of("env", "prod", "token", TOKEN, "pin", 1234)).execution().id();

        assertThat(worker(cipher).take(id)).isTrue();

        assertThat(awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runner.received.get(id)).containsEntry("token", TOKEN).containsEntry("pin", 1234L)
                .containsEntry("env", "prod");
    }

    @Test
    void aSecretTheActionPrintsIsMaskedInItsStoredOutputAndResult() {
        long id = request(Map.of("env", "prod", "token", TOKEN, "pin", 1234)).execution().id();

        worker(cipher).take(id);

        Execution ended = awaitEnd(id);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ended.output().stdout()).isEqualTo("deploying with ********\n");
        assertThat(ended.output().stderr()).isEqualTo("warning: token=********");
        assertThat(ended.result()).contains(Map.of("auth", "Bearer ********", "pins", List.of("********")));
        assertThat(service.get(id).toString()).doesNotContain(TOKEN).doesNotContain("1234");
        assertThat(outputs.of(id)).extracting(OutputChunk::stream, OutputChunk::data).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OutputChunk.Stream.STDOUT, "deploying with ********\n"),
                org.assertj.core.groups.Tuple.tuple(OutputChunk.Stream.STDERR, "warning: token=********"));
    }

    @Test
    void secretValuesShorterThanFourCharactersAreNotMaskedInOutput() {
        long id = request(Map.of("env", "prod", "token", "abc")).execution().id();

        worker(cipher).take(id);

        assertThat(awaitEnd(id).output().stdout()).isEqualTo("deploying with abc\n");
    }

    @Test
    void aWorkerWithAnotherEncryptionKeyFailsTheExecutionSayingWhyWithoutTheValue() {
        long id = request(Map.of("env", "prod", "token", TOKEN)).execution().id();

        worker(new FakeSecretCipher("0badc0de")).take(id);

        Execution ended = awaitEnd(id);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.failure()).hasValueSatisfying(why -> assertThat(why)
                .contains("secret parameter", "cannot be decrypted", "another encryption key").doesNotContain(TOKEN));
        assertThat(runner.received).doesNotContainKey(id);
    }

    @Test
    void aRerunRunsWithTheSameSecretsSealedAnew() {
        long first = request(Map.of("env", "prod", "token", TOKEN)).execution().id();

        long again = service.rerun(first, Optional.empty()).execution().id();

        Execution original = executions.find(first).orElseThrow();
        Execution rerun = executions.find(again).orElseThrow();
        assertThat(rerun.parameters().get("token")).isNotEqualTo(original.parameters().get("token"));
        assertThat(cipher.open((String) rerun.parameters().get("token"))).isEqualTo("s:" + TOKEN);
        worker(cipher).take(again);
        assertThat(awaitEnd(again).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runner.received.get(again)).containsEntry("token", TOKEN);
    }

    @Test
    void aRefusalNeverRepeatsASecretValue() {
        ProgrammableSchemaValidator refusing = new ProgrammableSchemaValidator();
        refusing.refuseWith("parameters.token", "'" + TOKEN + "' is too short");
        ExecutionService strict = new ExecutionService(catalog, catalog.policies(), executions, ledger,
                new InMemoryWorkers(), refusing, cipher, dispatch, ending, tx, clock, Fixtures.idempotency(tx, clock));

        assertThatThrownBy(() -> strict.request(RequestExecution.of("demo.deploy", Map.of("token", TOKEN))))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> {
                    assertThat(e.getMessage()).doesNotContain(TOKEN).contains("'********' is too short");
                    assertThat(e.errors().toString()).doesNotContain(TOKEN);
                });
    }

    @Test
    void aSecretParameterCannotHoldAnObject() {
        assertThatThrownBy(() -> request(Map.of("env", "prod", "blob", Map.of("a", 1))))
                .isInstanceOfSatisfying(UseCaseException.Invalid.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("parameters.blob"));
    }

    @Test
    void aSecretValueStoredInClearByAnEarlierVersionStillRuns() {
        Execution legacy = executions.insert(Execution.requested(Ref.parse("demo.deploy"), Map.of("token", TOKEN),
                Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), clock.instant())
                .moveTo(ExecutionStatus.SCHEDULED, clock.instant()));

        worker(cipher).take(legacy.id());

        assertThat(awaitEnd(legacy.id()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runner.received.get(legacy.id())).containsEntry("token", TOKEN);
    }

    /** Ends every run at once, remembering the parameters it was given. */
    private static final class RecordingRunner implements ActionRunner {
        final Map<Long, Map<String, Object>> received = new ConcurrentHashMap<>();

        @Override
        public Set<RunnerType> runners() {
            return Set.of(RunnerType.SHELL);
        }

        @Override
        public RunningAction start(RunRequest request) {
            received.put(request.executionId(), request.parameters());
            return new RunningAction() {
                @Override
                public RunOutcome await() {
                    // an action that prints what it was given, as careless scripts do
                    Object token = request.parameters().get("token");
                    return new RunOutcome.Exited(0, new Output("deploying with " + token + "\n",
                            "warning: token=" + token, 0, 0), Optional.of(Map.of("auth", "Bearer " + token,
                            "pins", List.of(String.valueOf(request.parameters().get("pin"))))), Optional.empty());
                }

                @Override
                public void cancel() {
                }

                private boolean printed;

                @Override
                public NewOutput takeNewOutput() {
                    if (printed) {
                        return NewOutput.NONE;
                    }
                    printed = true;
                    Object token = request.parameters().get("token");
                    return new NewOutput("deploying with " + token + "\n", "warning: token=" + token);
                }
            };
        }
    }
}
