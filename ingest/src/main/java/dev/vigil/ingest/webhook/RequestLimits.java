package dev.vigil.ingest.webhook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many webhook requests may be in progress at once: per credential, so that one token holder sending slowly
 * cannot take the request threads every other cluster needs, and in all, so that the webhook leaves threads to the
 * console, the API and the health checks. A request that finds no room is refused at once, never queued.
 * Credentials are keyed by their configured name, so the map is as large as the configuration, never larger.
 */
final class RequestLimits {

    /** Why a request was refused. */
    enum Refusal {
        /** The credential already has its maximum of requests in progress: 429. */
        CREDENTIAL_BUSY("credential-limit"),
        /** The webhook as a whole has its maximum of requests in progress: 503. */
        SERVER_BUSY("server-limit");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        /** The value of the {@code reason} tag of the rejection metric. */
        String tag() {
            return tag;
        }
    }

    /** A held place; {@link #close()} gives it back (once). */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int perCredential;
    private final Semaphore total;
    private final Map<String, Semaphore> byCredential = new ConcurrentHashMap<>();

    RequestLimits(int perCredential, int total) {
        if (perCredential < 1 || total < 1) {
            throw new IllegalArgumentException("request limits must be at least 1");
        }
        this.perCredential = perCredential;
        this.total = new Semaphore(total);
    }

    /** A place for one request of {@code credential}, or the refusal when there is none right now. */
    Permit admit(String credential) throws RequestRefusedException {
        Semaphore own = byCredential.computeIfAbsent(credential, name -> new Semaphore(perCredential));
        if (!own.tryAcquire()) {
            throw new RequestRefusedException(Refusal.CREDENTIAL_BUSY,
                    "these credentials already have " + perCredential + " requests in progress; retry later");
        }
        if (!total.tryAcquire()) {
            own.release();
            throw new RequestRefusedException(Refusal.SERVER_BUSY,
                    "the audit webhook has as many requests in progress as it takes; retry later");
        }
        return new Held(own, total);
    }

    /** Requests of {@code credential} in progress now. */
    int inProgress(String credential) {
        Semaphore own = byCredential.get(credential);
        return own == null ? 0 : perCredential - own.availablePermits();
    }

    private static final class Held implements Permit {
        private final Semaphore own;
        private final Semaphore total;
        private boolean released;

        Held(Semaphore own, Semaphore total) {
            this.own = own;
            this.total = total;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                total.release();
                own.release();
            }
        }
    }
}
