package io.attune.bootstrap.wiring;

import io.attune.application.port.in.Retention;
import io.attune.application.port.out.Leadership;
import io.attune.application.port.out.RetentionStore;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.RetentionService;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import java.time.Clock;

/** Builds retention from {@code attune.retention.*}: an age that cannot be read, or under one hour, stops startup. */
@Factory
public class RetentionFactory {

    @Context   // built at startup, so a bad age stops it at once instead of failing the first sweep
    Retention retention(Leadership leadership, RetentionStore store, TransactionRunner tx, Clock clock,
                        @Value("${attune.retention.events:30d}") String events,
                        @Value("${attune.retention.executions:30d}") String executions,
                        @Value("${attune.retention.audit:90d}") String audit,
                        @Value("${attune.retention.batch-size:500}") int batchSize) {
        Retention.Ages ages = new Retention.Ages(
                RetentionService.age("attune.retention.events (ATTUNE_RETENTION_EVENTS)", events),
                RetentionService.age("attune.retention.executions (ATTUNE_RETENTION_EXECUTIONS)", executions),
                RetentionService.age("attune.retention.audit (ATTUNE_RETENTION_AUDIT)", audit));
        return new RetentionService(leadership, store, tx, clock, ages, batchSize);
    }
}
