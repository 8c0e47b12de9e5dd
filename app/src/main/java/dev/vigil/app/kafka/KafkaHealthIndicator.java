package dev.vigil.app.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code /actuator/health} component {@code kafka}: up when the cluster answers a describe-cluster request within
 * the timeout. One admin client is kept for the life of the application instead of one per probe.
 */
final class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final KafkaClientSettings settings;
    private final Duration timeout;
    private Admin admin;

    KafkaHealthIndicator(KafkaClientSettings settings, Duration timeout) {
        super("Kafka health check failed");
        this.settings = settings;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int millis = (int) timeout.toMillis();
        DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis));
        String clusterId = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
        Collection<Node> nodes = cluster.nodes().get(millis, TimeUnit.MILLISECONDS);
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = settings.clientConfig();
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-health");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
