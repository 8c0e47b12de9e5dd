package dev.vigil.alerting.notify;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.notify.http.ChatWebhookSender;
import dev.vigil.alerting.notify.http.JsonWebhookSender;
import dev.vigil.alerting.notify.syslog.SyslogSender;
import dev.vigil.alerting.notify.target.AlertSender;
import dev.vigil.alerting.notify.target.ChatProperties;
import dev.vigil.alerting.notify.target.ConsoleLinks;
import dev.vigil.alerting.notify.target.SyslogProperties;
import dev.vigil.alerting.notify.target.TargetProperties;
import dev.vigil.alerting.notify.target.WebhookProperties;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * All configured notifiers, started and stopped with the application: one running {@link AlertNotifier} (thread and
 * consumer group) per target, sharing one dead-letter producer.
 */
public final class Notifiers implements SmartLifecycle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);
    private static final int MAX_POLL_RECORDS = 10;

    private final List<AlertNotifier> notifiers;
    private final List<AlertSender> senders;
    private final DeadLetterPublisher deadLetters;
    private volatile boolean running;

    private Notifiers(List<AlertNotifier> notifiers, List<AlertSender> senders, DeadLetterPublisher deadLetters) {
        this.notifiers = notifiers;
        this.senders = senders;
        this.deadLetters = deadLetters;
    }

    /** Builds (without starting) one notifier per enabled target; fails on duplicate names or unusable settings. */
    public static Notifiers create(NotifierProperties properties, KafkaClientSettings kafka, String alertsTopic,
                                   String dlqTopic, MeterRegistry registry, Clock clock) {
        List<TargetProperties> targets = properties.enabledTargets();
        requireUniqueNames(targets);
        if (targets.isEmpty()) {
            return new Notifiers(List.of(), List.of(), null);
        }
        ConsoleLinks links = new ConsoleLinks(properties.getConsoleBaseUrl());
        List<AlertSender> senders = new ArrayList<>();
        List<AlertNotifier> notifiers = new ArrayList<>();
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(kafka, dlqTopic, "vigil-notify-dlq");
        for (TargetProperties target : targets) {
            AlertSender sender = sender(target, links, clock);
            senders.add(sender);
            RetryPolicy retry = new RetryPolicy(target.getRetry());
            AlertDispatcher dispatcher = new AlertDispatcher(target, sender, new NotificationPolicy(target),
                    new RateLimiter(target.getName(), target.getRateLimit(), clock), retry,
                    new NotifierMetrics(registry, target));
            Map<String, Object> config = consumerConfig(kafka, target, retry);
            notifiers.add(new AlertNotifier(dispatcher, deadLetters,
                    () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                    alertsTopic, clock));
            LOG.info("Notifier configured: {}", target);
        }
        return new Notifiers(List.copyOf(notifiers), List.copyOf(senders), deadLetters);
    }

    static AlertSender sender(TargetProperties target, ConsoleLinks links, Clock clock) {
        if (target instanceof WebhookProperties webhook) {
            return new JsonWebhookSender(webhook, clock);
        }
        if (target instanceof ChatProperties chat) {
            return new ChatWebhookSender(chat, links);
        }
        if (target instanceof SyslogProperties syslog) {
            return new SyslogSender(syslog, links, clock);
        }
        throw new IllegalArgumentException("unknown notifier type " + target.type());
    }

    /** The consumer group of the notifier {@code name}. */
    public static String groupId(String name) {
        return "vigil-notify-" + name;
    }

    private static Map<String, Object> consumerConfig(KafkaClientSettings kafka, TargetProperties target,
                                                      RetryPolicy retry) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(target.getName()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(target.getName()));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, target.getStartFrom().name().toLowerCase(Locale.ROOT));
        // Streams writes alerts in exactly-once transactions: never page for an alert of an aborted transaction.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        Duration perRecord = retry.worstCase(target.getConnectTimeout().plus(target.getTimeout()));
        long pollInterval = Math.max(Duration.ofMinutes(5).toMillis(),
                perRecord.multipliedBy(MAX_POLL_RECORDS).plusMinutes(1).toMillis());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, pollInterval));
        return config;
    }

    private static void requireUniqueNames(List<TargetProperties> targets) {
        Set<String> names = new HashSet<>();
        for (TargetProperties target : targets) {
            if (!names.add(target.getName())) {
                throw new IllegalStateException("vigil.notify: the notifier name '" + target.getName()
                        + "' is used more than once; names must be unique (each names a consumer group)");
            }
        }
    }

    public List<String> names() {
        return notifiers.stream().map(AlertNotifier::name).toList();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        notifiers.forEach(AlertNotifier::start);
        running = true;
        if (notifiers.isEmpty()) {
            LOG.info("No SOC notifiers configured (vigil.notify.webhooks / chat / syslog)");
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        notifiers.forEach(AlertNotifier::requestStop);
        try {
            for (AlertNotifier notifier : notifiers) {
                notifier.awaitStop(STOP_GRACE, STOP_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        stop();
        senders.forEach(AlertSender::close);
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
