package dev.vigil.embedded;

import java.nio.file.Path;
import java.util.Properties;

/** The {@code server.properties} of a single-node KRaft cluster: one process is controller and broker. */
final class KafkaServerProperties {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String SASL_LISTENER = "SASL_PLAINTEXT";
    private static final String MIB_8 = String.valueOf(8 * 1024 * 1024);

    private KafkaServerProperties() {
    }

    static Properties of(KafkaSettings settings, int brokerPort, int controllerPort, Path logDir) {
        return of(settings, brokerPort, controllerPort, -1, logDir);
    }

    /** With {@code saslPort} ≥ 0 and users in the settings: a second client listener, SASL_PLAINTEXT with PLAIN. */
    static Properties of(KafkaSettings settings, int brokerPort, int controllerPort, int saslPort, Path logDir) {
        String host = settings.host();
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.setProperty("listeners",
                CLIENT_LISTENER + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.setProperty("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + brokerPort);
        props.setProperty("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", CLIENT_LISTENER);
        props.setProperty("log.dirs", logDir.toString());
        props.setProperty("num.partitions", String.valueOf(settings.defaultPartitions()));
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        // One replica for every internal topic, else consumer groups, transactions (exactly-once Streams) and
        // share groups wait forever for replicas that do not exist.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("offsets.topic.segment.bytes", MIB_8);
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "1");
        props.setProperty("transaction.state.log.segment.bytes", MIB_8);
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.num.partitions", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // Small footprint: the broker shares the JVM with the application or the tests.
        props.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.setProperty("log.cleaner.dedupe.buffer.size", MIB_8);
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "4");
        if (saslPort >= 0 && !settings.saslPlainUsers().isEmpty()) {
            addSaslListener(props, settings, saslPort);
        }
        settings.brokerProperties().forEach(props::setProperty);
        return props;
    }

    private static void addSaslListener(Properties props, KafkaSettings settings, int saslPort) {
        String listener = SASL_LISTENER + "://" + settings.host() + ":" + saslPort;
        props.setProperty("listeners", props.getProperty("listeners") + "," + listener);
        props.setProperty("advertised.listeners", props.getProperty("advertised.listeners") + "," + listener);
        props.setProperty("listener.security.protocol.map",
                props.getProperty("listener.security.protocol.map") + "," + SASL_LISTENER + ":SASL_PLAINTEXT");
        props.setProperty("sasl.enabled.mechanisms", "PLAIN");
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        settings.saslPlainUsers().forEach((user, password) -> jaas.append(" user_").append(user).append("=\"")
                .append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        props.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    }
}
