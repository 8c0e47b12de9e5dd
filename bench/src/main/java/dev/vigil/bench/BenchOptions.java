package dev.vigil.bench;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The options of {@code bench/run} (and of {@link BenchMain}). */
final class BenchOptions {

    @Option(names = "--events", defaultValue = "100000",
            description = "events loaded into k8s.audit.events for the consumption and topology runs (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "how long each time-based run lasts: producer, webhook, latency (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "20s", converter = DurationConverter.class,
            description = "offered load before the latency, webhook and producer runs measure, so that they measure the"
                    + " steady state and not"
                    + " the JIT compiling (default ${DEFAULT-VALUE}; 0s measures from the start)")
    Duration warmup;

    @Option(names = "--rate", defaultValue = "2000",
            description = "offered load of the end-to-end latency run, events/s (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--clients", defaultValue = "4",
            description = "concurrent webhook clients / producer threads (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--pods", defaultValue = "100000",
            description = "pods tracked for the state-store size (default ${DEFAULT-VALUE})")
    int pods;

    @Option(names = "--repeat", defaultValue = "1",
            description = "timed runs of each throughput measurement (consumption, topology configurations taking"
                    + " turns); each line gives the median with min and max (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--principals", defaultValue = "1000000",
            description = "distinct principals through the new-terms rules for their state size and heap"
                    + " (part newterms, default ${DEFAULT-VALUE})")
    int principals;

    @Option(names = "--noise-events", defaultValue = "1000000",
            description = "benign events of the busy-cluster day for the noise run, alerts per 1M per rule"
                    + " (default ${DEFAULT-VALUE})")
    long noiseEvents;

    @Option(names = "--seed", defaultValue = "1576014349",
            description = "workload seed; the same seed gives the same events (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--only", split = ",",
            description = "run only these parts: raw, topology, stateful, rules, floor, webhook, latency, pods, newterms,"
                    + " noise (default all)")
    Set<String> only = Set.of();

    @Option(names = "--results", defaultValue = "bench/results",
            description = "folder of the JSON results (default ${DEFAULT-VALUE})")
    Path results;

    /** Whether the audit topic is loaded and consumed raw: every part that compares with raw consumption. */
    boolean needsLoad() {
        return Set.of("raw", "topology", "stateful", "rules", "floor").stream().anyMatch(this::runs);
    }

    boolean runs(String part) {
        return only.isEmpty() || only.contains(part);
    }

    /** Whether a part that needs the embedded Kafka and OpenSearch runs (noise needs neither). */
    boolean needsStack() {
        return Set.of("raw", "topology", "stateful", "rules", "floor", "webhook", "latency", "pods", "newterms").stream().anyMatch(this::runs);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("events", events);
        map.put("duration", duration.toString());
        map.put("warmup", warmup.toString());
        map.put("rate", rate);
        map.put("clients", clients);
        map.put("pods", pods);
        map.put("principals", principals);
        map.put("repeat", repeat);
        map.put("noiseEvents", noiseEvents);
        map.put("seed", seed);
        map.put("only", only.isEmpty() ? "all" : String.join(",", only));
        return map;
    }

    /** Accepts {@code 20s}, {@code 2m}, {@code 500ms} as well as ISO-8601 {@code PT20S}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase();
            if (text.startsWith("pt")) {
                return Duration.parse(text.toUpperCase());
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("not a duration: " + value + " (use 20s, 2m, 500ms)");
            };
        }
    }
}
