package dev.vigil.streams.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stamps the existing changelogs of window stores on append ({@code message.timestamp.type=LogAppendTime}). Kafka
 * Streams sets an internal topic's configuration only when it creates the topic, so changelogs created by an older
 * Vigil keep the event-time stamps that let the broker delete replayed events' state early; this brings them in line
 * at start. A changelog that does not exist yet is left to Kafka Streams. Failing (no permission to alter topic
 * configurations, say) only warns, with the command that does it by hand: the start goes on.
 */
public final class ChangelogTimestamps {

    public static final String LOG_APPEND_TIME = "LogAppendTime";
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogTimestamps.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private ChangelogTimestamps() {
    }

    /** The changelog topic Kafka Streams makes for {@code store} of application {@code applicationId}. */
    public static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /**
     * Sets {@code LogAppendTime} on those changelogs of {@code stores} that exist with another timestamp type.
     *
     * @return the topics changed
     */
    public static List<String> align(Map<String, Object> clientConfig, String applicationId,
                                     Collection<String> stores) {
        List<String> topics = stores.stream().map(store -> changelog(applicationId, store)).sorted().toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-changelog-timestamps");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> stale = stale(admin, topics.stream().filter(existing::contains).toList());
            if (!stale.isEmpty()) {
                Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
                stale.forEach(topic -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                        new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME),
                                AlterConfigOp.OpType.SET))));
                admin.incrementalAlterConfigs(changes).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Changelogs {} now stamp records on append (message.timestamp.type={}): the stateful "
                        + "rules' windows no longer expire by the events' own times", stale, LOG_APPEND_TIME);
            }
            return stale;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("Could not check or set message.timestamp.type={} on the changelogs {} ({}); replayed events "
                    + "older than a window's changelog retention can lose their state on a restore. Set it by hand: "
                    + "kafka-configs.sh --alter --entity-type topics --entity-name <topic> --add-config "
                    + "message.timestamp.type={}", LOG_APPEND_TIME, topics, cause.toString(), LOG_APPEND_TIME);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<String> stale(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return resources.stream().filter(resource -> {
            ConfigEntry type = configs.get(resource).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
            return type == null || !LOG_APPEND_TIME.equals(type.value());
        }).map(ConfigResource::name).toList();
    }
}
