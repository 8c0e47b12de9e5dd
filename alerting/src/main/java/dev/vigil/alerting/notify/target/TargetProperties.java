package dev.vigil.alerting.notify.target;

import dev.vigil.model.alert.Severity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every notifier target has in common: which alerts it wants, how often it may page, and how hard it tries.
 * A JavaBean (not a record) so that the webhook, chat and syslog targets share these settings without repeating them.
 */
public abstract class TargetProperties {

    /** Name of this notifier, unique across all notifiers: its consumer group is {@code vigil-notify-<name>}, and it tags metrics and log lines. */
    @NotBlank
    @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,62}", message = "must be lower-case letters, digits, '.', '_' or '-'")
    private String name;

    /** Whether this notifier runs. */
    private boolean enabled = true;

    /** Lowest alert severity that is notified (critical, high, medium, low, info). */
    @NotNull
    private Severity minSeverity = Severity.LOW;

    /** Which rules are notified, by rule id ({@code *} matches any characters). */
    @Valid
    @NotNull
    private RuleFilter rules = new RuleFilter();

    /** When an alert that dedup updated (same event.id, count > 1) is notified again: first, escalation or every. */
    @NotNull
    private NotifyOn notifyOn = NotifyOn.FIRST;

    /** With notify-on escalation: the counts at which an updated alert is notified again. */
    @NotEmpty
    private List<@NotNull @Positive Long> escalationThresholds = new ArrayList<>(List.of(10L, 100L, 1000L));

    /** How many notifications this target may receive per period; the excess is held back and summarised. */
    @Valid
    @NotNull
    private RateLimit rateLimit = new RateLimit();

    /** How often and how patiently a failed delivery is retried before the alert goes to the DLQ. */
    @Valid
    @NotNull
    private Retry retry = new Retry();

    /** Time allowed to open a connection to the target. */
    @NotNull
    @DurationMin(millis = 1)
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** Time allowed for one delivery attempt once connected (HTTP response, syslog write). */
    @NotNull
    @DurationMin(millis = 1)
    private Duration timeout = Duration.ofSeconds(10);

    /** Where a notifier without committed offsets starts reading vigil.alerts: latest (new alerts only) or earliest (all retained). */
    @NotNull
    private StartFrom startFrom = StartFrom.LATEST;

    /** PEM file with the CA certificates trusted for TLS (https URLs, syslog over tls); unset: the JVM's trust store. */
    private Path caFile;

    /** The kind of target, used in logs and as the {@code type} tag of metrics. */
    public abstract String type();

    /** Where notifications go, with every secret masked: safe for logs and error messages. */
    public abstract String destination();

    /** When an alert updated by dedup is notified again. */
    public enum NotifyOn {
        /** Only the first occurrence (count 1); updates are never re-sent. */
        FIRST,
        /** The first occurrence, and again when the count reaches one of the escalation thresholds. */
        ESCALATION,
        /** Every update of the alert. */
        EVERY
    }

    /** Where a new consumer group starts in vigil.alerts. */
    public enum StartFrom {
        LATEST, EARLIEST
    }

    /** Rule-id filter: an alert is notified when its rule matches {@code include} (or it is empty) and not {@code exclude}. */
    public static class RuleFilter {

        /** Rule ids (or patterns with {@code *}) to notify; empty: every rule. */
        private List<@NotBlank String> include = new ArrayList<>();

        /** Rule ids (or patterns with {@code *}) never to notify; wins over include. */
        private List<@NotBlank String> exclude = new ArrayList<>();

        public List<String> getInclude() {
            return include;
        }

        public void setInclude(List<String> include) {
            this.include = include;
        }

        public List<String> getExclude() {
            return exclude;
        }

        public void setExclude(List<String> exclude) {
            this.exclude = exclude;
        }

        @Override
        public String toString() {
            return "include=" + include + " exclude=" + exclude;
        }
    }

    /** Token bucket: up to {@code max} notifications at once, refilled evenly to {@code max} per {@code period}. */
    public static class RateLimit {

        /** Notifications allowed per period; 0 disables the limit. */
        @Min(0)
        private int max = 30;

        /** The period the maximum applies to; also how often held-back alerts are summarised. */
        @NotNull
        @DurationMin(seconds = 1)
        private Duration period = Duration.ofMinutes(1);

        public int getMax() {
            return max;
        }

        public void setMax(int max) {
            this.max = max;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }

        @Override
        public String toString() {
            return max == 0 ? "unlimited" : max + "/" + period;
        }
    }

    /** Exponential backoff for retryable failures (connection errors, timeouts, HTTP 408/425/429/5xx). */
    public static class Retry {

        /** Delivery attempts per alert, the first one included; 1 disables retries. */
        @Min(1)
        @Max(100)
        private int maxAttempts = 5;

        /** Wait before the second attempt; doubled for every further attempt. */
        @NotNull
        @DurationMin(millis = 1)
        private Duration initialBackoff = Duration.ofSeconds(1);

        /** Longest wait between two attempts (also caps a receiver's Retry-After). */
        @NotNull
        @DurationMin(millis = 1)
        private Duration maxBackoff = Duration.ofSeconds(30);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        @Override
        public String toString() {
            return maxAttempts + " attempts, backoff " + initialBackoff + ".." + maxBackoff;
        }
    }

    /** {@code scheme://host[:port]/…}: a URL with its path, query and user info (where tokens hide) masked. */
    protected static String masked(URI url) {
        if (url == null) {
            return null;
        }
        String authority = url.getHost() == null ? "" : url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        return url.getScheme() + "://" + authority + "/****";
    }

    @Override
    public String toString() {
        return type() + " " + name + " -> " + destination() + " (min-severity " + minSeverity + ", rules " + rules
                + ", notify-on " + notifyOn + ", rate-limit " + rateLimit + ", retry " + retry + ")";
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Severity getMinSeverity() {
        return minSeverity;
    }

    public void setMinSeverity(Severity minSeverity) {
        this.minSeverity = minSeverity;
    }

    public RuleFilter getRules() {
        return rules;
    }

    public void setRules(RuleFilter rules) {
        this.rules = rules;
    }

    public NotifyOn getNotifyOn() {
        return notifyOn;
    }

    public void setNotifyOn(NotifyOn notifyOn) {
        this.notifyOn = notifyOn;
    }

    public List<Long> getEscalationThresholds() {
        return escalationThresholds;
    }

    public void setEscalationThresholds(List<Long> escalationThresholds) {
        this.escalationThresholds = escalationThresholds;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    public Retry getRetry() {
        return retry;
    }

    public void setRetry(Retry retry) {
        this.retry = retry;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public StartFrom getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(StartFrom startFrom) {
        this.startFrom = startFrom;
    }

    public Path getCaFile() {
        return caFile;
    }

    public void setCaFile(Path caFile) {
        this.caFile = caFile;
    }
}
