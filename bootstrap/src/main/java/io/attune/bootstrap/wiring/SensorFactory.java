package io.attune.bootstrap.wiring;

import io.attune.adapters.runtime.SubprocessSensorProcesses;
import io.attune.adapters.runtime.SubprocessSettings;
import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.SensorDuties;
import io.attune.application.port.in.SensorQueries;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.SensorProcesses;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.SensorStateRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.SensorQueryService;
import io.attune.application.service.SensorSupervisor;
import io.attune.bootstrap.infra.ActionIsolation;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Builds the sensor role: the subprocess runner of sensors, their supervisor, and the queries of their state. */
@Factory
public class SensorFactory {

    @Singleton
    SensorProcesses sensorProcesses(ActionIsolation isolation,
                                    @Value("${attune.sensors.kill-grace:5s}") Duration killGrace,
                                    @Value("${attune.sensors.max-line-bytes:1048576}") int maxLineBytes) {
        return new SubprocessSensorProcesses(SubprocessSettings.defaults().withKillGrace(killGrace)
                .withUser(isolation.user()), maxLineBytes);
    }

    @Singleton
    SensorSupervisor sensorSupervisor(SensorRepository sensors, PackRepository packs, SensorStateRepository states,
                                      SensorProcesses processes, EventIntake intake, Leadership leadership,
                                      TransactionRunner tx, Clock clock,
                                      @Nullable @Property(name = "attune.sensors.instance") String instance,
                                      @Value("${attune.sensors.errors-kept:50}") int errorsKept) {
        // host, process and a short random part: two applications in one JVM (tests) never share a name
        String name = instance == null || instance.isBlank()
                ? host() + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                        + UUID.randomUUID().toString().substring(0, 4)
                : instance;
        return new SensorSupervisor(new SensorSupervisor.Settings(name, errorsKept), sensors, packs, states, processes,
                intake, leadership, tx, clock);
    }

    @Singleton
    SensorQueries sensorQueries(SensorRepository sensors, SensorStateRepository states, TransactionRunner tx) {
        return new SensorQueryService(sensors, states, tx);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
