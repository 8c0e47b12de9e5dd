package dev.vigil.streams.stateful;

import dev.vigil.streams.rules.StatefulRule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stateful rules over one state: each hit to its rule's kind. Shared by the topology and offline evaluation. */
final class StatefulLogic {

    private final Map<String, StatefulRule> rules;
    private final ThresholdCounter threshold;
    private final SequenceJoiner sequence;
    private final NewTermsBaseline newTerms;

    StatefulLogic(List<StatefulRule> rules, StatefulState state, StatefulSettings settings) {
        Map<String, StatefulRule> byId = new LinkedHashMap<>();
        rules.forEach(rule -> byId.put(rule.id(), rule));
        this.rules = Collections.unmodifiableMap(byId);
        this.threshold = new ThresholdCounter(state, settings);
        this.sequence = new SequenceJoiner(state, settings);
        this.newTerms = new NewTermsBaseline(state);
    }

    void process(StatefulHit hit) {
        StatefulRule rule = hit == null ? null : rules.get(hit.rule());
        if (rule == null) {
            return; // a hit of a rule removed or disabled since it was written
        }
        switch (rule.kind()) {
            case THRESHOLD -> threshold.process(rule, hit);
            case SEQUENCE -> sequence.process(rule, hit);
            case NEW_TERMS -> newTerms.process(rule, hit);
        }
    }

    /** Forgets new-terms values older than their history. */
    void purge() {
        newTerms.purge(rules);
    }
}
