package io.attune.bootstrap.lag;

import io.attune.application.service.LagService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the lag about once a second on every instance, so that intake's backpressure check and the metrics read a
 * figure at most a second old instead of querying per request. A failed sample (the database away) keeps the last one.
 */
@Singleton
public class LagDuty {

    private static final Logger LOG = LoggerFactory.getLogger(LagDuty.class);

    private final LagService lag;
    private final LagMetrics metrics;
    private volatile boolean failing;

    public LagDuty(LagService lag, LagMetrics metrics) {
        this.lag = lag;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelay = "${attune.intake.sample-interval:1s}", initialDelay = "${attune.intake.sample-interval:1s}")
    void sample() {
        try {
            lag.sample();
            metrics.refreshQueues();
            if (failing) {
                failing = false;
                LOG.info("the lag is sampled again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("the lag cannot be sampled (the last sample stays in use): {}", e.toString());
            }
        }
    }
}
