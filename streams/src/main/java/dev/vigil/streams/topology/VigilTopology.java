package dev.vigil.streams.topology;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.alerts.AlertTopology;
import dev.vigil.streams.normalise.EvidenceMapper;
import dev.vigil.streams.normalise.EvidenceTopology;
import dev.vigil.streams.pods.PodTopology;
import dev.vigil.streams.rules.DetectionEngine;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole {@code streams} role as one topology: audit events are decoded once and feed both the evidence
 * documents and the rule engine; watch events feed the pod lifetime tracker.
 */
public final class VigilTopology {

    private VigilTopology() {
    }

    public static void build(StreamsBuilder builder, StreamsTopics topics, DetectionEngine engine,
                             TopologySettings settings) {
        AlertFactory alertFactory = new AlertFactory(settings.redactor(), settings.clock(),
                settings.dedup().defaultWindow());

        KStream<String, AuditRecord> audit = AuditIntake.decoded(builder, topics);
        EvidenceTopology.evidence(audit, topics.evidence(), new EvidenceMapper(settings.redactor()));
        AlertTopology.alerts(audit, topics.alerts(), engine, alertFactory, settings.dedup());

        KStream<String, WatchEvent> watch = WatchIntake.decoded(builder, topics);
        PodTopology.longLivedPods(watch, topics.alerts(), settings.pods(), engine, alertFactory);
    }
}
