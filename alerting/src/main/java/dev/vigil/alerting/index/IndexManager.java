package dev.vigil.alerting.index;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prepares OpenSearch for the indexer at start, in the background so that an unreachable cluster never blocks the
 * application: installs the index templates (retrying until it succeeds; the indexer waits for {@link #awaitReady}),
 * then sets up retention — the ISM policies when the plugin is there, else Vigil's own scheduled deletion.
 */
public final class IndexManager implements SmartLifecycle {

    /** How retention is applied; {@code PENDING} until OpenSearch answered. */
    public enum RetentionMode { PENDING, ISM, VIGIL }

    /** Starts before the indexers (which wait for it) and stops after them. */
    public static final int PHASE = Integer.MAX_VALUE - 200;

    private static final Logger LOG = LoggerFactory.getLogger(IndexManager.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final TemplateInstaller templates;
    private final IsmRetention ism;
    private final ExpiredIndexDeleter deleter;
    private final RetentionProperties retention;
    private final Clock clock;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile RetentionMode retentionMode = RetentionMode.PENDING;
    private volatile ScheduledExecutorService executor;

    public IndexManager(OpenSearchRest rest, RetentionProperties retention) {
        this(rest, retention, Clock.systemUTC());
    }

    /** {@code clock} tells Vigil's own retention runs the time (tests move it ahead). */
    public IndexManager(OpenSearchRest rest, RetentionProperties retention, Clock clock) {
        this(rest, retention, clock, IndexTemplates.DEFAULT_EVIDENCE_SHARDS);
    }

    /** @param evidenceShards primary shards of each new daily evidence index ({@code vigil.indexer.evidence-shards}) */
    public IndexManager(OpenSearchRest rest, RetentionProperties retention, Clock clock, int evidenceShards) {
        this.templates = new TemplateInstaller(rest, evidenceShards);
        this.ism = new IsmRetention(rest);
        this.deleter = new ExpiredIndexDeleter(rest, retention);
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vigil-index-manager");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> installTemplates(FIRST_RETRY));
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Index manager did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Waits until the templates are installed; false on timeout. */
    public boolean awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("index setup failed", e.getCause());
        }
    }

    public boolean isReady() {
        return ready.isDone();
    }

    public RetentionMode retentionMode() {
        return retentionMode;
    }

    private void installTemplates(Duration retryIn) {
        try {
            templates.install();
            ready.complete(null);
            setUpRetention(FIRST_RETRY);
        } catch (RuntimeException e) {
            LOG.warn("Cannot install the index templates yet ({}); retrying in {} s", e.getMessage(),
                    retryIn.toSeconds());
            schedule(() -> installTemplates(next(retryIn)), retryIn);
        }
    }

    private void setUpRetention(Duration retryIn) {
        try {
            if (ism.available()) {
                ism.install(retention);
                retentionMode = RetentionMode.ISM;
                LOG.info("Retention by ISM policies: alerts {} days, evidence {} days", retention.alerts().toDays(),
                        retention.evidence().toDays());
            } else {
                retentionMode = RetentionMode.VIGIL;
                LOG.info("OpenSearch has no index-management plugin: Vigil deletes expired daily indices itself every "
                                + "{} (alerts after {} days, evidence after {} days)", retention.checkInterval(),
                        retention.alerts().toDays(), retention.evidence().toDays());
                ScheduledExecutorService current = executor;
                if (current != null) {
                    current.scheduleWithFixedDelay(this::deleteExpired, 0, retention.checkInterval().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot set up retention yet ({}); retrying in {} s", e.getMessage(), retryIn.toSeconds());
            schedule(() -> setUpRetention(next(retryIn)), retryIn);
        }
    }

    private void deleteExpired() {
        try {
            deleter.deleteExpired(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Retention run failed ({}); next run in {}", e.getMessage(), retention.checkInterval());
        }
    }

    private void schedule(Runnable task, Duration delay) {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return;
        }
        try {
            current.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Index manager stopped; not retrying");
        }
    }

    private static Duration next(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
    }
}
