package dev.vigil.bench.workload;

import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One kind of benign request of the busy-cluster day, with its share of the day's events.
 *
 * @param name        who does what, e.g. {@code kubelet: pod status patch}
 * @param weight      share per 10 000 events
 * @param officeHours whether people do it (06:00–20:00 UTC only) rather than machines (all day)
 * @param make        builds the event for an auditID and a time
 */
record BenignActivity(String name, int weight, boolean officeHours, Make make) {

    interface Make {
        ObjectNode event(String auditID, Instant at);
    }

    static BenignActivity machine(String name, int weight, Make make) {
        return new BenignActivity(name, weight, false, make);
    }

    static BenignActivity person(String name, int weight, Make make) {
        return new BenignActivity(name, weight, true, make);
    }
}
