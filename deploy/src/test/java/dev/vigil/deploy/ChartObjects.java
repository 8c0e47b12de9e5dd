package dev.vigil.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Rendered objects for tests outside this package (the watcher's RBAC test lives beside the watcher's code). */
public final class ChartObjects {

    private ChartObjects() {
    }

    /** One object of the chart rendered with its default values. */
    public static <T extends HasMetadata> T defaults(Class<T> type, String name) {
        return Rendered.defaults().one(type, name);
    }

    /** One object of the chart rendered with a values file of {@code src/test/resources/values}. */
    public static <T extends HasMetadata> T with(String valuesFile, Class<T> type, String name) {
        return Rendered.with(valuesFile).one(type, name);
    }
}
