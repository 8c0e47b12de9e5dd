package dev.vigil.streams.stateful;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka Streams metrics of the stateful rules (group {@code stream-vigil-stateful-metrics}, tag
 * {@code vigil-stateful-id} = rule id), exported with the other Streams metrics: {@code late-dropped-total} (hits
 * that came later than the rule's grace) and {@code terms-evicted-total} (new-terms combinations forgotten because a
 * key reached {@code max_terms}).
 */
final class StatefulMetrics {

    static final String SCOPE = "vigil-stateful";
    static final String LATE = "late-dropped";
    static final String EVICTED = "terms-evicted";

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> sensors = new HashMap<>();

    StatefulMetrics(StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    void late(String rule) {
        record(rule, LATE);
    }

    void evicted(String rule) {
        record(rule, EVICTED);
    }

    private void record(String rule, String operation) {
        Sensor sensor = sensors.computeIfAbsent(rule + "/" + operation,
                name -> metrics.addRateTotalSensor(SCOPE, rule, operation, Sensor.RecordingLevel.INFO));
        sensor.record();
    }
}
