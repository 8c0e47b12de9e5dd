package dev.vigil.ingest.replay;

/**
 * A request to end a following replay cleanly (Ctrl-C, or a test): the reader ends its current generation, the
 * in-flight records are acknowledged, and the summary is printed. An interrupt while waiting counts as one.
 */
final class StopSignal {

    private volatile boolean requested;

    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    /** Sleeps for {@code millis}; an interrupt requests the stop instead of propagating. */
    boolean pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            request();
        }
        return !requested;
    }
}
