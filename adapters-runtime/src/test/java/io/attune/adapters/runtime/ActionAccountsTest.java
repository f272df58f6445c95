package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.attune.application.port.out.ActionRunner.RunOutcome;
import io.attune.domain.action.RunnerType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionAccountsTest {

    @Test
    void anExistingAccountIsFoundWithItsIds() {
        assertThat(ActionAccounts.lookup("root")).hasValueSatisfying(a -> {
            assertThat(a.uid()).isZero();
            assertThat(a.gid()).isZero();
        });
        assertThat(ActionAccounts.lookup("no-such-user-here")).isEmpty();
    }

    @Test
    void asRootTheActionUserIsCreatedWhenMissingAndRootOnlyWhenAskedFor() {
        assumeTrue(ActionAccounts.serverIsRoot(), "creating users needs root");

        ProcessUser user = ActionAccounts.forRootServer(ActionAccounts.DEFAULT_USER);

        assertThat(user).isInstanceOfSatisfying(ProcessUser.Account.class, a -> {
            assertThat(a.name()).isEqualTo(ActionAccounts.DEFAULT_USER);
            assertThat(a.uid()).isPositive();
        });
        assertThat(ActionAccounts.forRootServer("root")).isEqualTo(new ProcessUser.Server());
        assertThat(ActionAccounts.forRootServer("Bad Name;")).isInstanceOf(ProcessUser.Unavailable.class);
    }

    @Test
    void withoutItsUserNothingRunsRatherThanRunningAsRoot() throws Exception {
        SubprocessActionRunner runner = new SubprocessActionRunner(SubprocessSettings.defaults()
                .withUser(new ProcessUser.Unavailable("the action user 'x' could not be created")));

        RunOutcome outcome = runner.start(Fixtures.command("id -u", Map.of())).await();

        assertThat(outcome).isEqualTo(new RunOutcome.FailedToStart("the action user 'x' could not be created"));
        assertThat(new SubprocessSensorProcesses(SubprocessSettings.defaults()
                .withUser(new ProcessUser.Unavailable("no user")), 100)
                .start(new io.attune.domain.sensor.Sensor(io.attune.domain.common.Ref.parse("fixture.watch"), "",
                        RunnerType.SHELL, "w.sh", java.util.List.of(), Map.of(), true), Path.of("/tmp"), l -> { }))
                .isEqualTo(new io.attune.application.port.out.SensorProcesses.Start.Refused("no user"));
    }
}
