package dev.vigil.alerting.notify;

import dev.vigil.alerting.notify.HttpReceiver.Answer;
import dev.vigil.embedded.EmbeddedKafka;
import dev.vigil.embedded.WithEmbeddedKafka;
import dev.vigil.model.alert.Alert;
import dev.vigil.embedded.TopicReader;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.kafka.KafkaClientSettings;
import dev.vigil.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Notifiers wired by their auto-configuration, reading a real embedded broker and posting to local receivers. */
@WithEmbeddedKafka
class NotifierIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private EmbeddedKafka kafka;
    private Topics topics;
    private String run;

    @BeforeEach
    void topics(EmbeddedKafka kafka) {
        this.kafka = kafka;
        this.run = UUID.randomUUID().toString().substring(0, 8);
        this.topics = new Topics(Topics.AUDIT, Topics.WATCH, "it.notify.alerts." + run, Topics.EVIDENCE, "it.notify.dlq." + run);
        // One partition, so that the order of the produced alerts is the order of notification.
        kafka.createTopics(Map.of(topics.alerts(), 1, topics.dlq(), 1));
    }

    private ApplicationContextRunner context(MeterRegistry registry) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class))
                .withBean(KafkaClientSettings.class, () -> KafkaClientSettings.of(kafka.bootstrapServers()))
                .withBean(Topics.class, () -> topics)
                .withBean(MeterRegistry.class, () -> registry);
    }

    @Test
    void notifiesNewAlertsOnceAndSendsWhatCannotBeDeliveredToTheDlq() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Alert first = TestAlerts.anonymousAdmin("it-a-" + run);
        Alert second = TestAlerts.anonymousAdmin("it-b-" + run);
        try (HttpReceiver soc = new HttpReceiver();
             HttpReceiver strict = new HttpReceiver().otherwise(new Answer(400, Map.of(), "schema mismatch"))) {
            context(registry).withPropertyValues(
                    "vigil.notify.webhooks[0].name=soc-" + run,
                    "vigil.notify.webhooks[0].url=" + soc.url("/soc"),
                    "vigil.notify.webhooks[0].start-from=earliest",
                    "vigil.notify.webhooks[1].name=strict-" + run,
                    "vigil.notify.webhooks[1].url=" + strict.url("/strict"),
                    "vigil.notify.webhooks[1].start-from=earliest"
            ).run(context -> {
                assertThat(context).hasNotFailed();
                produce(first, TestAlerts.repeated(first, 2), second);
                produce(topics.alerts(), "garbage", "{not json".getBytes(StandardCharsets.UTF_8));
                produce(topics.alerts(), "empty", "{}".getBytes(StandardCharsets.UTF_8));

                await().atMost(WAIT).until(() -> deadLetters().size() == 6);
                await().atMost(WAIT).until(() -> committed("soc-" + run) == 5);

                assertThat(soc.requests()).extracting(request -> request.header("X-Vigil-Alert-Id"))
                        .as("the update with count 2 is not sent again")
                        .containsExactly(first.id(), second.id());
                assertThat(soc.requests().get(0).text()).isEqualTo(VigilJson.write(first));
                assertThat(strict.requests()).hasSize(2);

                List<DeadLetter> letters = deadLetters();
                List<DeadLetter> rejected = letters.stream()
                        .filter(letter -> letter.source().startsWith("alerting:notify:strict-" + run + ":")).toList();
                assertThat(rejected).extracting(DeadLetter::payload)
                        .containsExactlyInAnyOrder(VigilJson.write(first), VigilJson.write(second), "{not json", "{}");
                assertThat(rejected).filteredOn(letter -> letter.cluster() != null)
                        .allSatisfy(letter -> {
                            assertThat(letter.cluster()).isEqualTo("prod-1");
                            assertThat(letter.reason()).contains("webhook notifier strict-" + run,
                                    "gave up after 1 attempt(s): HTTP 400: schema mismatch");
                        });
                assertThat(letters).filteredOn(letter -> letter.payload().equals("{not json"))
                        .hasSize(2).allSatisfy(letter -> assertThat(letter.reason()).startsWith("not an alert document"));
                assertThat(letters).filteredOn(letter -> letter.payload().equals("{}")).hasSize(2)
                        .allSatisfy(letter -> assertThat(letter.reason())
                                .isEqualTo("not an alert document: event.id or vigil.severity missing"));

                assertThat(counter(registry, "vigil.notify.sent", "soc-" + run)).isEqualTo(2.0);
                assertThat(counter(registry, "vigil.notify.failed", "strict-" + run)).isEqualTo(2.0);
                await().atMost(WAIT).until(() -> committed("strict-" + run) == 5);
            });
        }
    }

    @Test
    void aFailingTargetDelaysNoOtherAndGetsItsAlertAfterARestart() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Alert alert = TestAlerts.anonymousAdmin("it-slow-" + run);
        String[] properties = {
                "vigil.notify.webhooks[0].name=down-" + run,
                "vigil.notify.webhooks[0].start-from=earliest",
                "vigil.notify.webhooks[0].retry.max-attempts=100",
                "vigil.notify.webhooks[0].retry.initial-backoff=100ms",
                "vigil.notify.webhooks[0].retry.max-backoff=200ms",
                "vigil.notify.chat[0].name=chat-" + run,
                "vigil.notify.chat[0].start-from=earliest"};
        try (HttpReceiver down = new HttpReceiver().otherwise(Answer.of(503)); HttpReceiver chat = new HttpReceiver()) {
            context(registry).withPropertyValues(properties)
                    .withPropertyValues("vigil.notify.webhooks[0].url=" + down.url("/down"),
                            "vigil.notify.chat[0].url=" + chat.url("/chat"))
                    .run(context -> {
                        produce(alert);

                        await().atMost(WAIT).until(() -> chat.requests().size() == 1 && down.requests().size() >= 3);
                        assertThat(chat.requests().get(0).text()).contains(alert.id(), "CRITICAL");
                        assertThat(counter(registry, "vigil.notify.sent", "down-" + run)).isZero();
                    });
            assertThat(committed("down-" + run)).as("the undelivered alert stays uncommitted").isZero();

            down.otherwise(Answer.of(200));
            int before = down.requests().size();
            context(registry).withPropertyValues(properties)
                    .withPropertyValues("vigil.notify.webhooks[0].url=" + down.url("/down"),
                            "vigil.notify.chat[0].url=" + chat.url("/chat"))
                    .run(context -> await().atMost(WAIT).until(() -> committed("down-" + run) == 1));

            assertThat(down.requests().subList(before, down.requests().size()))
                    .extracting(HttpReceiver.Request::text).containsExactly(VigilJson.write(alert));
            assertThat(chat.requests()).as("the chat notifier had committed it already").hasSize(1);
        }
    }

    private void produce(Alert... alerts) {
        for (Alert alert : alerts) {
            produce(topics.alerts(), alert.id(), VigilJson.writeBytes(alert));
        }
    }

    private void produce(String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    private List<DeadLetter> deadLetters() {
        return TopicReader.readToEnd(kafka.clientProperties(), topics.dlq(), JsonSerde.of(DeadLetter.class).deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }

    /** The committed offset of a notifier's group on partition 0 of the alerts topic (0 when none). */
    private long committed(String notifier) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(
                    Notifiers.groupId(notifier), new ListConsumerGroupOffsetsSpec()))
                    .partitionsToOffsetAndMetadata(Notifiers.groupId(notifier)).get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topics.alerts(), 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    private static double counter(SimpleMeterRegistry registry, String name, String notifier) {
        return registry.get(name).tag("notifier", notifier).counter().count();
    }

}
