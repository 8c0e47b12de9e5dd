package dev.vigil.app.faults;

import java.time.Duration;

/**
 * How big the fault scenarios are. {@code mvn verify} runs them small; {@code bench/run --chaos} passes
 * {@code -Dvigil.faults.events=1000000 -Dvigil.faults.opensearch-outage=60s} for the full-size run.
 *
 * @param events           audit events replayed per scenario
 * @param rate             events per second the replay offers
 * @param outage           how long the broker or OpenSearch stays down
 */
record FaultSizes(int events, int rate, Duration outage) {

    static FaultSizes fromSystemProperties() {
        int events = Integer.getInteger("vigil.faults.events", 1_500);
        int rate = Integer.getInteger("vigil.faults.rate", Math.max(400, events / 200));
        Duration outage = Duration.parse("PT" + System.getProperty("vigil.faults.opensearch-outage", "5s")
                .toUpperCase());
        return new FaultSizes(events, rate, outage);
    }

    /** Generous bound for the pipeline to catch up: the slowest topology rate measured here is ~500 events/s. */
    Duration settleTimeout() {
        return Duration.ofSeconds(Math.max(180, events / 100));
    }
}
