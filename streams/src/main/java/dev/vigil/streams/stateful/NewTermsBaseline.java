package dev.vigil.streams.stateful;

import dev.vigil.model.alert.Alert;
import dev.vigil.streams.alerts.AlertIds;
import dev.vigil.streams.rules.StatefulRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kind: new_terms}: per key, the combinations of terms seen within {@code params.history} (event time) in a
 * changelogged key-value store. A combination not known fires once, unless the rule is still learning (the first
 * {@code params.learning} of event time after the first event its task saw). A key keeps at most
 * {@code params.max_terms} combinations: past it the least recently seen is forgotten (metric
 * {@code terms-evicted}, and one log line per key), so a principal that touches thousands of namespaces costs bounded
 * state, at worst a repeat alert for a forgotten combination. A wall-clock punctuation drops combinations older than
 * the history (tombstones in the changelog), so the store is bounded by what happened within the history.
 */
final class NewTermsBaseline {

    private static final Logger LOG = LoggerFactory.getLogger(NewTermsBaseline.class);
    /** Key suffix of a rule's learning start per cluster (rule|cluster + this), which no state key can equal. */
    static final String LEARNING = "|\u0000learning";

    static final String EVICTED = "terms-evicted";

    private final StatefulState store;

    NewTermsBaseline(StatefulState store) {
        this.store = store;
    }

    void process(StatefulRule rule, StatefulHit hit) {
        long learningUntil = learningStart(rule, hit.cluster(), hit.time()) + rule.learning().toMillis();
        String key = hit.rule() + "|" + hit.key();
        TermBaseline baseline = store.baseline(key);
        Map<String, Long> terms = baseline == null ? new HashMap<>() : new HashMap<>(baseline.terms());
        boolean capped = baseline != null && baseline.capped();
        Long lastSeen = terms.get(hit.value());
        long horizon = hit.time() - rule.history().toMillis();
        boolean known = lastSeen != null && lastSeen >= horizon;
        terms.put(hit.value(), lastSeen == null ? hit.time() : Math.max(lastSeen, hit.time()));
        if (terms.size() > rule.maxTerms()) {
            String oldest = null;
            for (Map.Entry<String, Long> term : terms.entrySet()) {
                if (!term.getKey().equals(hit.value())
                        && (oldest == null || term.getValue() < terms.get(oldest))) {
                    oldest = term.getKey();
                }
            }
            terms.remove(oldest);
            store.count(rule.id(), EVICTED);
            if (!capped) {
                capped = true;
                LOG.warn("Rule {}: a key reached max_terms ({}); its least recently seen values are forgotten "
                        + "from now on (raise vigil.rules.params.{}.max-terms if this is expected)", rule.id(),
                        rule.maxTerms(), rule.id());
            }
        }
        store.baseline(key, new TermBaseline(terms, capped, null));
        if (known || hit.time() < learningUntil) {
            return;
        }
        ObjectNode details = StatefulAlerts.details(hit.alert());
        details.put("new_value", hit.value());
        details.put("history", StatefulAlerts.text(rule.history()));
        details.put("known_values", terms.size() - 1);
        String id = AlertIds.of(rule.id(), hit.cluster(), hit.key() + "|" + hit.value(), hit.time());
        Instant at = Instant.ofEpochMilli(hit.time());
        Alert emitted = StatefulAlerts.alert(hit.alert(), id, rule, 1, at, at, List.of(hit.auditId()), details,
                hit.alert().message());
        store.emit(emitted);
    }

    /**
     * The event time this task first saw an event of the rule from this cluster, kept in the store so a restart
     * keeps learning. Per cluster: a cluster connected later learns its own baselines before anything fires.
     */
    private long learningStart(StatefulRule rule, String cluster, long time) {
        String key = rule.id() + "|" + cluster + LEARNING;
        TermBaseline learning = store.baseline(key);
        if (learning == null || learning.since() == null || learning.since() > time) {
            store.baseline(key, TermBaseline.learningFrom(time));
            return time;
        }
        return learning.since();
    }

    /** Drops combinations older than their rule's history (by stream time) and keys left without any. */
    void purge(Map<String, StatefulRule> rules) {
        long now = store.streamTime();
        Map<String, TermBaseline> changed = new HashMap<>();
        store.forEachBaseline((key, baseline) -> {
            if (baseline.since() != null) {
                return;
            }
            int bar = key.indexOf('|');
            StatefulRule rule = bar < 0 ? null : rules.get(key.substring(0, bar));
            if (rule == null) {
                changed.put(key, null); // the rule is gone
                return;
            }
            long horizon = now - rule.history().toMillis();
            Map<String, Long> kept = new HashMap<>(baseline.terms());
            if (kept.values().removeIf(seen -> seen < horizon)) {
                changed.put(key, kept.isEmpty() ? null : new TermBaseline(kept, baseline.capped(), null));
            }
        });
        changed.forEach(store::baseline);
    }
}
