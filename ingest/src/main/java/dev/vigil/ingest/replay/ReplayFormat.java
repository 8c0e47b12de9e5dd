package dev.vigil.ingest.replay;

import dev.vigil.ingest.cloud.CloudFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vigil replay --format} chose: {@code native} audit events (the API server's own log, EventLists),
 * one managed cloud's format, or {@code auto} — the first readable item of each file decides.
 */
record ReplayFormat(String name, CloudFormat cloud) {

    static final String NATIVE = "native";
    static final String AUTO = "auto";

    /** The format called {@code name}, or empty when no such format is registered. */
    static Optional<ReplayFormat> named(String name) {
        if (NATIVE.equals(name) || AUTO.equals(name)) {
            return Optional.of(new ReplayFormat(name, null));
        }
        return CloudFormats.byName(name).map(cloud -> new ReplayFormat(name, cloud));
    }

    /** Every name {@code --format} takes. */
    static List<String> names() {
        List<String> names = new ArrayList<>(List.of(AUTO, NATIVE));
        CloudFormats.all().forEach(format -> names.add(format.name()));
        return names;
    }

    boolean isAuto() {
        return AUTO.equals(name);
    }

    /** The cloud format every item is read in, or empty for native (and, until decided, auto). */
    Optional<CloudFormat> fixed() {
        return Optional.ofNullable(cloud);
    }
}
