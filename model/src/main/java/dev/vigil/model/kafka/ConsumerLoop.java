package dev.vigil.model.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The thread around a Kafka consumer that every reader of a topic here needs: it creates the consumer on its own
 * thread (a consumer belongs to one thread), subscribes with an optional rebalance listener, calls {@link Step} until
 * stopped, wakes the consumer on {@link #requestStop()}, and closes it with a timeout; a crash is logged, never
 * thrown away. What a step does — commits, pauses, backoff — is the owner's business.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ConsumerLoop<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    /** One iteration: typically a poll and what follows it. Called on the loop's thread only. */
    @FunctionalInterface
    public interface Step<K, V> {
        void run(Consumer<K, V> consumer) throws InterruptedException;
    }

    /** A hook on the loop's thread around the steps (before subscribing, after the last step). */
    @FunctionalInterface
    public interface Hook<K, V> {
        void run(Consumer<K, V> consumer) throws InterruptedException;
    }

    private final String name;
    private final Supplier<? extends Consumer<K, V>> consumers;
    private final String topic;
    private final Function<Consumer<K, V>, ConsumerRebalanceListener> listener;
    private final Hook<K, V> beforeSubscribe;
    private final Step<K, V> step;
    private final Hook<K, V> afterSteps;
    private final CloseOptions close;
    private final boolean daemon;

    private volatile boolean running;
    private volatile Consumer<K, V> consumer;
    private volatile Throwable failure;
    private Thread thread;

    private ConsumerLoop(Builder<K, V> builder) {
        this.name = builder.name;
        this.consumers = Objects.requireNonNull(builder.consumers, "consumer");
        this.topic = Objects.requireNonNull(builder.topic, "topic");
        this.listener = builder.listener;
        this.beforeSubscribe = builder.beforeSubscribe;
        this.step = Objects.requireNonNull(builder.step, "step");
        this.afterSteps = builder.afterSteps;
        this.close = builder.close;
        this.daemon = builder.daemon;
    }

    /** A loop whose thread is called {@code name} (also the name in its log lines). */
    public static <K, V> Builder<K, V> builder(String name) {
        return new Builder<>(name);
    }

    /** Starts the thread; does nothing while it runs. */
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        running = true;
        failure = null;
        thread = new Thread(this::run, name);
        thread.setDaemon(daemon);
        thread.start();
    }

    /** Asks the loop to end after the step in flight; a consumer blocked in {@code poll} is woken up. */
    public void requestStop() {
        running = false;
        Consumer<K, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits up to {@code timeout} for the thread to end; true when it has (or never ran). */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current == null) {
            return true;
        }
        current.join(timeout.toMillis());
        if (current.isAlive()) {
            return false;
        }
        synchronized (this) {
            if (thread == current) {
                thread = null;
            }
        }
        return true;
    }

    /** Interrupts the thread, for a step that waits (a backoff, a send) past its owner's patience. */
    public synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** {@link #requestStop()}, then waits up to {@code timeout}; logs when the thread is still alive then. */
    public void stop(Duration timeout) {
        requestStop();
        try {
            if (!awaitStop(timeout)) {
                LOG.warn("{} did not stop within {} s", name, timeout.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True from {@link #start()} until a stop was requested or the loop ended; steps loop while it holds. */
    public boolean isRunning() {
        return running;
    }

    /** What ended the loop unexpectedly, or null. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        Consumer<K, V> created = null;
        try {
            created = consumers.get();
            consumer = created;
            if (running && beforeSubscribe != null) {
                beforeSubscribe.run(created);
            }
            if (!running) {
                return;
            }
            if (listener == null) {
                created.subscribe(List.of(topic));
            } else {
                created.subscribe(List.of(topic), listener.apply(created));
            }
            try {
                while (running) {
                    try {
                        step.run(created);
                    } catch (WakeupException e) {
                        if (running) {
                            throw e; // a wake-up nobody asked for
                        }
                    }
                }
            } finally {
                if (afterSteps != null) {
                    Thread.interrupted(); // a stop may have interrupted a step; the hook still runs
                    afterSteps.run(created);
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            if (running) {
                failure = e;
                LOG.error("{} stopped: interrupted while running", name, e);
            } else {
                LOG.debug("{} woken up to stop", name);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("{} stopped by an unexpected error: {}", name, e.toString(), e);
        } finally {
            running = false;
            consumer = null;
            if (created != null) {
                closeQuietly(created);
            }
            LOG.info("{} stopped", name);
        }
    }

    private void closeQuietly(Consumer<K, V> created) {
        Thread.interrupted(); // an interrupted thread would not wait for the close
        try {
            created.close(close);
        } catch (RuntimeException e) {
            LOG.warn("{} did not close its consumer cleanly: {}", name, e.toString());
        }
    }

    /** How a loop is set up; only the consumer, the topic and the step are required. */
    public static final class Builder<K, V> {

        private final String name;
        private Supplier<? extends Consumer<K, V>> consumers;
        private String topic;
        private Function<Consumer<K, V>, ConsumerRebalanceListener> listener;
        private Hook<K, V> beforeSubscribe;
        private Step<K, V> step;
        private Hook<K, V> afterSteps;
        private CloseOptions close = CloseOptions.timeout(Duration.ofSeconds(5));
        private boolean daemon = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Creates the consumer, on the loop's thread. */
        public Builder<K, V> consumer(Supplier<? extends Consumer<K, V>> consumers) {
            this.consumers = consumers;
            return this;
        }

        /** The topic to subscribe to, with no rebalance listener. */
        public Builder<K, V> topic(String topic) {
            return topic(topic, null);
        }

        /** The topic to subscribe to, with the rebalance listener made for the consumer (null: none). */
        public Builder<K, V> topic(String topic, Function<Consumer<K, V>, ConsumerRebalanceListener> listener) {
            this.topic = topic;
            this.listener = listener;
            return this;
        }

        /** Runs once before subscribing (e.g. waiting for something the steps need); the loop ends if stopped. */
        public Builder<K, V> beforeSubscribe(Hook<K, V> hook) {
            this.beforeSubscribe = hook;
            return this;
        }

        public Builder<K, V> step(Step<K, V> step) {
            this.step = step;
            return this;
        }

        /** Runs once after the last step, also after a crash (e.g. a last commit); the consumer is still open. */
        public Builder<K, V> afterSteps(Hook<K, V> hook) {
            this.afterSteps = hook;
            return this;
        }

        /** How the consumer is closed; default: a 5 s timeout. */
        public Builder<K, V> close(CloseOptions close) {
            this.close = close;
            return this;
        }

        /** Whether the thread is a daemon (default): one that must finish its work before the JVM exits is not. */
        public Builder<K, V> daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        public ConsumerLoop<K, V> build() {
            return new ConsumerLoop<>(this);
        }
    }
}
