package dev.vigil.dashboards.saved;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Installs Vigil's saved objects into OpenSearch Dashboards when Vigil starts, so an operator finds the
 * dashboards without importing anything by hand. Overwriting by id makes it idempotent: every instance of every
 * role may run it. It works on its own thread and retries while Dashboards is starting, so start-up never waits.
 */
public final class DashboardsInstaller implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardsInstaller.class);

    private final DashboardsProperties properties;
    private final SavedObjectsClient client;
    private final byte[] objects;
    private volatile Thread worker;

    public DashboardsInstaller(DashboardsProperties properties) {
        this(properties, SavedObjects.bundled());
    }

    DashboardsInstaller(DashboardsProperties properties, byte[] objects) {
        if (properties.url() == null) {
            throw new IllegalArgumentException("vigil.dashboards.url must be set to install saved objects");
        }
        this.properties = properties;
        this.client = new SavedObjectsClient(properties);
        this.objects = objects.clone();
    }

    /**
     * Imports the saved objects, retrying transient failures every {@code retry-interval} for at most
     * {@code give-up-after}; returns the last outcome (a {@link ImportOutcome.RetryLater} means it gave up).
     */
    public ImportOutcome install() {
        long deadline = System.nanoTime() + properties.giveUpAfter().toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            ImportOutcome outcome = client.importObjects(objects);
            if (!(outcome instanceof ImportOutcome.RetryLater retry)) {
                log(outcome);
                return outcome;
            }
            if (System.nanoTime() + properties.retryInterval().toNanos() > deadline) {
                LOG.error("Gave up installing the Vigil saved objects into OpenSearch Dashboards at {} after {} attempts: {}",
                        properties.displayUrl(), attempt, retry.reason());
                return outcome;
            }
            if (attempt == 1) {
                LOG.info("OpenSearch Dashboards at {} is not ready ({}); retrying every {}",
                        properties.displayUrl(), retry.reason(), properties.retryInterval());
            } else {
                LOG.debug("Attempt {} to install the saved objects: {}", attempt, retry.reason());
            }
            if (!pause(properties.retryInterval())) {
                return outcome;
            }
        }
    }

    private void log(ImportOutcome outcome) {
        if (outcome instanceof ImportOutcome.Imported imported) {
            LOG.info("Installed {} Vigil saved objects into OpenSearch Dashboards at {}",
                    imported.objects(), properties.displayUrl());
        } else if (outcome instanceof ImportOutcome.Rejected rejected) {
            LOG.error("OpenSearch Dashboards at {} refused the Vigil saved objects: {}",
                    properties.displayUrl(), rejected.reason());
        }
    }

    private static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Thread thread = new Thread(this::install, "vigil-dashboards-installer");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
