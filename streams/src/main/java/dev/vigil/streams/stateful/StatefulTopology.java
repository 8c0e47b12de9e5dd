package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.streams.alerts.AlertFactory;
import dev.vigil.streams.kafka.TopicSpec;
import dev.vigil.streams.rules.DetectionEngine;
import dev.vigil.streams.rules.StatefulRule;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.util.List;

/**
 * Decoded audit records → the stateful rules' steps (stateless: match, condition, exceptions) → hits keyed by rule
 * and state key, timestamped with the event time → repartitioned ({@code stateful-hits}) so that every hit of one
 * key meets the same state → threshold, sequence and new-terms state → {@code vigil.alerts}. Part of the detection
 * application; left out entirely when no stateful rule is enabled.
 */
public final class StatefulTopology {

    private StatefulTopology() {
    }

    /**
     * The stores whose changelogs are stamped on append; changelogs an older Vigil created are aligned at start by
     * {@link dev.vigil.streams.kafka.ChangelogTimestamps}.
     */
    public static List<String> appendTimeChangelogStores() {
        return StatefulProcessor.WINDOW_STORES;
    }

    public static void rules(KStream<String, AuditRecord> records, TopicSpec<String, Alert> alerts,
                             DetectionEngine engine, AlertFactory factory, StatefulSettings settings) {
        List<StatefulRule> rules = engine.statefulRules();
        if (rules.isEmpty()) {
            return;
        }
        records.process(() -> new StatefulHits(engine, factory), Named.as("stateful-detect"))
                .repartition(Repartitioned.<String, StatefulHit>as("stateful-hits")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(StatefulHit.class)))
                .process(StatefulProcessor.supplier(rules, settings), Named.as("stateful-rules"))
                .to(alerts.name(), alerts.produced("stateful-sink"));
    }
}
