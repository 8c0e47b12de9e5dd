package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.model.text.Glob;
import dev.vigil.alerting.notify.target.TargetProperties.NotifyOn;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides whether one notifier wants an alert: minimum severity, rule include/exclude, and whether an alert that
 * dedup updated (same id, count > 1) pages again. Escalation remembers the last count seen per alert id (bounded),
 * so a count that jumps past a threshold (1 → 12) still escalates once.
 */
final class NotificationPolicy {

    /** Why an alert is or is not notified. */
    enum Verdict { NOTIFY, BELOW_MIN_SEVERITY, RULE_FILTERED, REPEAT }

    private static final int REMEMBERED_ALERTS = 10_000;

    private final Severity minSeverity;
    private final Predicate<String> ruleWanted;
    private final NotifyOn notifyOn;
    private final List<Long> thresholds;
    private final Map<String, Long> lastCounts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_ALERTS;
        }
    };

    NotificationPolicy(TargetProperties target) {
        this.minSeverity = target.getMinSeverity();
        Predicate<String> included = anyOf(target.getRules().getInclude(), true);
        Predicate<String> excluded = anyOf(target.getRules().getExclude(), false);
        this.ruleWanted = included.and(excluded.negate());
        this.notifyOn = target.getNotifyOn();
        this.thresholds = target.getEscalationThresholds().stream().sorted().toList();
    }

    Verdict decide(Alert alert) {
        if (!severityOf(alert).atLeast(minSeverity)) {
            return Verdict.BELOW_MIN_SEVERITY;
        }
        if (!ruleWanted.test(alert.rule() == null ? "" : alert.rule().id())) {
            return Verdict.RULE_FILTERED;
        }
        return isWantedOccurrence(alert) ? Verdict.NOTIFY : Verdict.REPEAT;
    }

    private boolean isWantedOccurrence(Alert alert) {
        long count = alert.vigil() == null ? 1 : Math.max(1, alert.vigil().count());
        Long seen = lastCounts.get(alert.id());
        long previous = seen != null ? seen : count - 1;
        lastCounts.put(alert.id(), Math.max(previous, count));
        if (count == 1) {
            return seen == null || notifyOn == NotifyOn.EVERY;
        }
        return switch (notifyOn) {
            case FIRST -> false;
            case EVERY -> true;
            case ESCALATION -> thresholds.stream().anyMatch(threshold -> previous < threshold && threshold <= count);
        };
    }

    /** Severity word of the alert, falling back to the ECS score when the word is missing. */
    static Severity severityOf(Alert alert) {
        if (alert.vigil() != null && alert.vigil().severity() != null) {
            return alert.vigil().severity();
        }
        Integer score = alert.event() == null ? null : alert.event().severity();
        for (Severity severity : Severity.values()) {
            if (score != null && score >= severity.score()) {
                return severity;
            }
        }
        return Severity.INFO;
    }

    private static Predicate<String> anyOf(List<String> patterns, boolean whenEmpty) {
        if (patterns.isEmpty()) {
            return id -> whenEmpty;
        }
        return Glob.anyOf(patterns);
    }
}
