package dev.vigil.streams.alerts;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Decoded audit records → rule engine → alert candidates, repartitioned by alert id so that every hit of one alert
 * meets the same dedup state whichever partition its event came from → dedup → {@code vigil.alerts}.
 */
public final class AlertTopology {

    private AlertTopology() {
    }

    public static void alerts(KStream<String, AuditRecord> records, TopicSpec<String, Alert> alerts,
                              DetectionEngine engine, AlertFactory factory, DedupSettings dedup) {
        alerts(records, alerts, engine, factory, dedup, AlertMetrics.NONE);
    }

    public static void alerts(KStream<String, AuditRecord> records, TopicSpec<String, Alert> alerts,
                              DetectionEngine engine, AlertFactory factory, DedupSettings dedup,
                              AlertMetrics metrics) {
        records.process(() -> new AlertDetector(engine, factory), Named.as("alert-detect"))
                .repartition(Repartitioned.<String, AlertCandidate>as("alert-candidates")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new AlertCandidateSerde()))
                .process(AlertDeduplicator.supplier(dedup, metrics), Named.as("alert-dedup"))
                .to(alerts.name(), Produced.with(alerts.keySerde(),
                        AlertCandidateSerde.alertSerde(alerts.valueSerde())).withName("alerts-sink"));
    }
}
