package io.attune.bootstrap.timer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attune.application.port.out.Leadership;
import io.attune.application.service.TimerService;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timers on started applications sharing one real PostgreSQL and RabbitMQ: one leader fires, each tick once, and
 * another instance takes over when the leader stops. The tests stop at the recorded events.
 */
class TimersEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded timer event: when it was due (executed_at) and its payload. */
    private record Fired(Instant executedAt, JsonNode payload, String trigger) {
    }

    private static String installPack(Api api, Path dir, Map<String, String> extraFiles) throws Exception {
        String pack = "e2e_timers_" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.yaml"), "ref: " + pack + "\nversion: 1.0.0\ndescription: timers test\n");
        for (Map.Entry<String, String> file : extraFiles.entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", dir.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        return pack;
    }

    private static void createRule(Api api, String ref, String trigger, Map<String, Object> parameters) {
        Api.Response created = api.post("/api/v1/rules", Api.json(Map.of("ref", ref,
                "trigger", Map.of("type", trigger, "parameters", parameters),
                "action", Map.of("ref", "core.noop"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static List<Fired> fired(String rule) throws Exception {
        List<Fired> found = new ArrayList<>();
        try (var c = TestServices.get().connect();
             PreparedStatement s = c.prepareStatement(
                     "SELECT trigger_ref, payload::text FROM events WHERE source = ? ORDER BY id")) {
            s.setString(1, "timer:" + rule);
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    JsonNode payload = JSON.readTree(row.getString(2));
                    found.add(new Fired(Instant.parse(payload.path("executed_at").asText()), payload, row.getString(1)));
                }
            }
        }
        return found;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Hands the timers' lead to {@code to}: the others give it up until {@code to} has taken it. */
    private static void handLeadTo(TestApplication to, List<TestApplication> others) {
        Leadership target = to.context().getBean(Leadership.class);
        Instant deadline = Instant.now().plusSeconds(20);
        while (!target.lead(TimerService.DUTY)) {
            assertThat(Instant.now()).as("the lead was not handed over").isBefore(deadline);
            others.forEach(o -> o.context().getBean(Leadership.class).resign(TimerService.DUTY));
        }
    }

    private static void assertOneEventPerSecondTick(List<Fired> events) {
        List<Instant> ticks = events.stream().map(Fired::executedAt).toList();
        assertThat(ticks).as("executed_at of each event").doesNotHaveDuplicates().isSorted();
        assertThat(ticks).allSatisfy(t -> assertThat(t.getNano()).isZero());
    }

    @Test
    void aCronTimerInTwoRunningInstancesFiresOncePerTickAndSurvivesTheLeadersStop(@TempDir Path dir) throws Exception {
        TestApplication first = TestApplication.shared();
        Api api = new Api(first.url());
        TestApplication second = TestApplication.start(Map.of());
        boolean secondStopped = false;
        String pack = installPack(api, dir, Map.of());
        String rule = pack + ".every_second";
        try {
            handLeadTo(second, List.of(first));
            createRule(api, rule, "core.crontimer", Map.of("expression", "* * * * * *"));

            sleep(Duration.ofSeconds(6));
            List<Fired> whileSecondLeads = fired(rule);
            assertOneEventPerSecondTick(whileSecondLeads);
            assertThat(whileSecondLeads).hasSizeGreaterThanOrEqualTo(4);
            List<Instant> ticks = whileSecondLeads.stream().map(Fired::executedAt).toList();
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("no tick lost while leading: %s", ticks)
                        .isEqualTo(Duration.ofSeconds(1));
            }
            assertThat(whileSecondLeads).allSatisfy(f -> {
                assertThat(f.trigger()).isEqualTo("core.crontimer");
                assertThat(f.payload().path("schedule").path("expression").asText()).isEqualTo("* * * * * *");
            });

            second.stop();
            secondStopped = true;
            Instant stopped = Instant.now();
            sleep(Duration.ofSeconds(6));

            List<Fired> all = fired(rule);
            assertOneEventPerSecondTick(all);
            List<Fired> afterTakeOver = all.stream().filter(f -> f.executedAt().isAfter(stopped.plusSeconds(1))).toList();
            assertThat(afterTakeOver).as("events after the leader stopped: %s", all).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            if (!secondStopped) {
                second.stop();
            }
            api.delete("/api/v1/rules/" + rule);
            api.delete("/api/v1/packs/" + pack);
        }
    }

    @Test
    void anIntervalTimerFiresEveryDeltaWithItsSchedule(@TempDir Path dir) throws Exception {
        Api api = new Api(TestApplication.shared().url());
        String pack = installPack(api, dir, Map.of());
        String rule = pack + ".every_two_seconds";
        try {
            Instant created = Instant.now();
            createRule(api, rule, "core.intervaltimer", Map.of("unit", "seconds", "delta", 2));
            sleep(Duration.ofSeconds(7));

            List<Fired> events = fired(rule);
            assertThat(events).hasSizeBetween(2, 4);
            assertThat(events).allSatisfy(f -> {
                assertThat(f.trigger()).isEqualTo("core.intervaltimer");
                assertThat(f.payload().path("schedule")).isEqualTo(JSON.readTree("{\"unit\": \"seconds\", \"delta\": 2}"));
                assertThat(f.executedAt()).isAfter(created);
            });
            for (int i = 1; i < events.size(); i++) {
                assertThat(Duration.between(events.get(i - 1).executedAt(), events.get(i).executedAt()))
                        .isEqualTo(Duration.ofSeconds(2));
            }
        } finally {
            api.delete("/api/v1/rules/" + rule);
            api.delete("/api/v1/packs/" + pack);
        }
    }

    @Test
    void timerRulesThatCannotBeReadAreRefusedNamingTheParameter(@TempDir Path dir) throws Exception {
        Api api = new Api(TestApplication.shared().url());
        String pack = installPack(api, dir.resolve("ok"), Map.of());
        try {
            Api.Response badCron = api.post("/api/v1/rules", Api.json(Map.of("ref", pack + ".bad_cron",
                    "trigger", Map.of("type", "core.crontimer", "parameters", Map.of("expression", "0 0 25 * * *")),
                    "action", Map.of("ref", "core.noop"))));
            assertThat(badCron.status()).as(badCron.body()).isEqualTo(422);
            assertThat(badCron.json().path("errors").get(0).path("field").asText()).isEqualTo("trigger.parameters.expression");

            Api.Response badDate = api.post("/api/v1/rules", Api.json(Map.of("ref", pack + ".bad_date",
                    "trigger", Map.of("type", "core.datetimer", "parameters", Map.of("date", "tomorrow at noon")),
                    "action", Map.of("ref", "core.noop"))));
            assertThat(badDate.status()).as(badDate.body()).isEqualTo(422);
            assertThat(badDate.json().path("errors").get(0).path("field").asText()).isEqualTo("trigger.parameters.date");

            Path badPack = dir.resolve("bad");
            Files.createDirectories(badPack.resolve("rules"));
            Files.writeString(badPack.resolve("pack.yaml"), "ref: e2e_timers_bad\nversion: 1.0.0\n");
            Files.writeString(badPack.resolve("rules/nightly.yaml"), """
                    ref: e2e_timers_bad.nightly
                    trigger: {type: core.crontimer, parameters: {hour: 3, timezone: Europe/Atlantis}}
                    action: {ref: core.noop}
                    """);
            Api.Response refused = api.post("/api/v1/packs/install", Api.json(Map.of("path", badPack.toString())));
            assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
            assertThat(refused.body()).contains("trigger.parameters.timezone").contains("rules/nightly.yaml");
        } finally {
            api.delete("/api/v1/packs/" + pack);
        }
    }
}
