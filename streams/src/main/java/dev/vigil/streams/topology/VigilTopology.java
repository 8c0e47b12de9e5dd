package dev.vigil.streams.topology;

import dev.vigil.streams.kafka.AuditIntake;
import dev.vigil.streams.kafka.StreamsTopics;
import dev.vigil.streams.kafka.WatchIntake;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.RequestSummaryReader;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.alerts.AlertTopology;
import dev.vigil.streams.evidence.EvidenceMapper;
import dev.vigil.streams.evidence.EvidenceTopology;
import dev.vigil.streams.pods.PodTopology;
import dev.vigil.streams.posture.PostureTopology;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.stateful.StatefulSettings;
import dev.vigil.streams.stateful.StatefulTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The {@code streams} role runs two Kafka Streams applications over {@code k8s.audit.events}, so that alerts never
 * queue behind evidence: {@link #detection detection} (rules, dedup, pod lifetimes → {@code vigil.alerts}) costs a
 * fraction of {@link #evidence evidence} (redaction and the evidence documents → {@code vigil.evidence}), and when the
 * machine is short of CPU only the evidence falls behind. Each decodes the records itself; {@link #build} wires both
 * behind one shared decode, for tools and tests that run a single topology.
 */
public final class VigilTopology {

    private VigilTopology() {
    }

    /** The detection application: audit rules, long-lived pods and posture findings to {@code vigil.alerts}. */
    public static void detection(StreamsBuilder builder, StreamsTopics topics, DetectionEngine engine,
                                 TopologySettings settings) {
        // records on whose request no rule can fire (the engine's screen) go no further than the decoder, and those
        // whose summary the byte reader vouches for are not even decoded
        detection(builder, AuditIntake.decodedWithoutDeadLetters(builder, topics,
                AuditIntake.Screen.of(engine::mayMatch, engine::mayMatch), RequestSummaryReader::read), topics, engine,
                settings);
    }

    /** The evidence application: every decodable audit record to {@code vigil.evidence}, the others to the DLQ. */
    public static void evidence(StreamsBuilder builder, StreamsTopics topics, TopologySettings settings) {
        evidence(AuditIntake.decoded(builder, topics, settings.redactor().objectCheck()), topics, settings);
    }

    /** Both applications' processing in one topology with one decode (and one dead letter per bad record). */
    public static void build(StreamsBuilder builder, StreamsTopics topics, DetectionEngine engine,
                             TopologySettings settings) {
        KStream<String, AuditRecord> audit = AuditIntake.decoded(builder, topics, settings.redactor().objectCheck());
        evidence(audit, topics, settings);
        detection(builder, audit, topics, engine, settings);
    }

    private static void evidence(KStream<String, AuditRecord> audit, StreamsTopics topics, TopologySettings settings) {
        EvidenceTopology.evidence(audit, topics.evidence(), new EvidenceMapper(settings.redactor()));
    }

    private static void detection(StreamsBuilder builder, KStream<String, AuditRecord> audit, StreamsTopics topics,
                                  DetectionEngine engine, TopologySettings settings) {
        AlertFactory alertFactory = new AlertFactory(settings.redactor(), settings.clock(),
                settings.dedup().defaultWindow());
        AlertTopology.alerts(audit, topics.alerts(), engine, alertFactory, settings.dedup(), settings.alertMetrics());
        StatefulTopology.rules(audit, topics.alerts(), engine, alertFactory, StatefulSettings.defaults());
        KStream<String, WatchEvent> watch = WatchIntake.decoded(builder, topics);
        PodTopology.longLivedPods(watch, topics.alerts(), settings.pods(), engine, alertFactory);
        PostureTopology.posture(watch, topics.alerts(), settings.pods().punctuationInterval(), engine, alertFactory);
    }
}
