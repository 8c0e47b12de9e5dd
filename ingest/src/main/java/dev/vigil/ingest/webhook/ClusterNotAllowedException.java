package dev.vigil.ingest.webhook;

/** A delivery holds records of a cluster its credentials may not post as; the whole delivery is answered 403. */
final class ClusterNotAllowedException extends Exception {

    private final String cluster;

    ClusterNotAllowedException(String cluster) {
        super("these credentials may not deliver audit events of cluster '" + cluster + "'; nothing of the delivery "
                + "was accepted", null, false, false);
        this.cluster = cluster;
    }

    String cluster() {
        return cluster;
    }
}
