package dev.vigil.streams.kafka;

import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changelogs an older Vigil created (stamped with the record's own time) are switched to append time at start; those
 * already right, and those that do not exist yet, are left alone.
 */
@WithEmbeddedKafka
class ChangelogTimestampsIT {

    private static final String APP = "it-changelog-timestamps";

    @Test
    void setsAppendTimeOnExistingChangelogsOnlyWhereMissing(EmbeddedKafka kafka) throws Exception {
        Map<String, Object> client = KafkaClientSettings.of(kafka.bootstrapServers()).clientConfig();
        String old = ChangelogTimestamps.changelog(APP, "stateful-threshold");
        String current = ChangelogTimestamps.changelog(APP, "stateful-sequence");
        String absent = ChangelogTimestamps.changelog(APP, "stateful-sequence-alerts");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(old, 1, (short) 1).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete")),
                    new NewTopic(current, 1, (short) 1).configs(Map.of(
                            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")))).all().get();
            assertThat(timestampType(admin, old)).isEqualTo("CreateTime");

            List<String> stores = List.of("stateful-threshold", "stateful-sequence", "stateful-sequence-alerts");
            assertThat(ChangelogTimestamps.align(client, APP, stores)).containsExactly(old);

            assertThat(timestampType(admin, old)).isEqualTo("LogAppendTime");
            assertThat(timestampType(admin, current)).isEqualTo("LogAppendTime");
            assertThat(admin.describeConfigs(List.of(topic(old))).all().get().get(topic(old))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as("the rest of its configuration kept")
                    .isEqualTo("compact,delete");
            assertThat(admin.listTopics().names().get()).as("left for Kafka Streams to create").doesNotContain(absent);
            assertThat(ChangelogTimestamps.align(client, APP, stores)).as("a second start changes nothing").isEmpty();
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static String timestampType(Admin admin, String name) throws Exception {
        return admin.describeConfigs(List.of(topic(name))).all().get().get(topic(name))
                .get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value();
    }
}
