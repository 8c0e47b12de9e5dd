package dev.vigil.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP;

/**
 * Runs the Vigil topology for the application: starts Kafka Streams (never {@code cleanUp()} on a normal start, the
 * local state is kept), logs what it restores from the changelogs ({@link RestoreProgress}), waits for RUNNING
 * through a state listener for a bounded time, replaces a stream thread that dies instead of stopping, and closes
 * cleanly.
 */
public final class KafkaStreamsLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsLifecycle.class);

    private final Topology topology;
    private final Properties config;
    private final Duration startTimeout;
    private final Duration closeTimeout;
    private final MeterRegistry meterRegistry;
    private final boolean autoStartup;
    private KafkaStreams streams;
    private KafkaStreamsMetrics metrics;
    private final RestoreProgress restores;
    private Runnable beforeStart = () -> { };

    /** @param meterRegistry where Kafka Streams metrics go; null for none */
    public KafkaStreamsLifecycle(Topology topology, Properties config, Duration startTimeout, Duration closeTimeout,
                                 MeterRegistry meterRegistry) {
        this(topology, config, startTimeout, closeTimeout, meterRegistry, true);
    }

    public KafkaStreamsLifecycle(Topology topology, Properties config, Duration startTimeout, Duration closeTimeout,
                                 MeterRegistry meterRegistry, boolean autoStartup) {
        this.topology = topology;
        this.config = config;
        this.startTimeout = startTimeout;
        this.closeTimeout = closeTimeout;
        this.meterRegistry = meterRegistry;
        this.autoStartup = autoStartup;
        this.restores = new RestoreProgress(name(), meterRegistry);
    }

    /** Runs {@code step} at each start before Kafka Streams starts (Kafka is reachable by then). */
    public KafkaStreamsLifecycle beforeStart(Runnable step) {
        this.beforeStart = step;
        return this;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        beforeStart.run();
        CountDownLatch running = new CountDownLatch(1);
        KafkaStreams candidate = new KafkaStreams(topology, config);
        candidate.setStateListener((newState, oldState) -> {
            LOG.info("Kafka Streams {} {} → {}", name(), oldState, newState);
            if (newState == KafkaStreams.State.RUNNING || newState == KafkaStreams.State.ERROR) {
                running.countDown();
            }
        });
        candidate.setGlobalStateRestoreListener(restores);
        candidate.setUncaughtExceptionHandler(exception -> {
            LOG.error("A stream thread of {} failed; replacing it", name(), exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        if (meterRegistry != null) {
            metrics = new KafkaStreamsMetrics(candidate);
            metrics.bindTo(meterRegistry);
        }
        candidate.start();
        streams = candidate;
        await(running);
    }

    private void await(CountDownLatch running) {
        try {
            if (!running.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka Streams {} is not RUNNING after {} (state {}); it keeps trying in the background",
                        name(), startTimeout, streams.state());
            } else if (streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("Kafka Streams failed to start; see the log above");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka Streams to start", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (streams == null) {
            return;
        }
        // Leave the group on a clean stop, so that other instances take over its partitions at once instead of
        // after the session timeout.
        if (!streams.close(CloseOptions.timeout(closeTimeout).withGroupMembershipOperation(LEAVE_GROUP))) {
            LOG.warn("Kafka Streams {} did not close within {}", name(), closeTimeout);
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        streams = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return streams != null;
    }

    /** The application id this instance runs. */
    public String name() {
        return config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /** The current Kafka Streams state, {@code NOT_RUNNING} when stopped. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    /** Records restored from changelogs since this lifecycle was created. */
    public long restoredRecords() {
        return restores.restoredRecords();
    }

    /** The running instance, for interactive queries and tests; null when stopped. */
    public synchronized KafkaStreams streams() {
        return streams;
    }
}
