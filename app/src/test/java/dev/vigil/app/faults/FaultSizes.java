package dev.vigil.app.faults;

import java.time.Duration;
import java.util.List;

/**
 * How big the fault scenarios are. {@code mvn verify} runs them small; {@code bench/run --chaos} passes
 * {@code -Dvigil.faults.events=1000000 -Dvigil.faults.opensearch-outage=60s} for the full-size run.
 *
 * @param events           audit events replayed per scenario
 * @param rate             events per second the replay offers
 * @param outage           how long the broker or OpenSearch stays down
 * @param sessionTimeout   the consumer session timeout of the scenarios' Vigil instances: how long the group takes
 *                         to notice a member killed with SIGKILL (Kafka's default is 45 s)
 */
record FaultSizes(int events, int rate, Duration outage, Duration sessionTimeout) {

    static FaultSizes fromSystemProperties() {
        int events = Integer.getInteger("vigil.faults.events", 1_500);
        return of(events, Integer.getInteger("vigil.faults.rate", Math.max(400, events / 200)));
    }

    /**
     * The multi-instance scenarios: a slower replay by default (3 000 events at 100/s), so that it goes on through
     * the takeover; the same properties make them big.
     */
    static FaultSizes multiInstance() {
        int events = Integer.getInteger("vigil.faults.events", 3_000);
        return of(events, Integer.getInteger("vigil.faults.rate", Math.max(100, events / 200)));
    }

    private static FaultSizes of(int events, int rate) {
        return new FaultSizes(events, rate, duration("vigil.faults.opensearch-outage", "5s"),
                duration("vigil.faults.session-timeout", "10s"));
    }

    private static Duration duration(String property, String fallback) {
        return Duration.parse("PT" + System.getProperty(property, fallback).toUpperCase());
    }

    /**
     * The Vigil processes' JIT options: a scenario of the default size spends most of its CPU starting processes, so
     * they compile with C1 only (about 15 % faster to start); a full-size run needs C2's throughput.
     */
    List<String> jvmOptions() {
        return events <= 10_000 ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    /** Generous bound for the pipeline to catch up: the slowest topology rate measured here is ~500 events/s. */
    Duration settleTimeout() {
        return Duration.ofSeconds(Math.max(180, events / 100));
    }
}
