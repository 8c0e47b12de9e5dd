package dev.vigil.ingest.replay;

import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.ingest.cloud.aks.AksFormat;
import dev.vigil.ingest.cloud.eks.CloudWatchFormat;
import dev.vigil.ingest.cloud.gke.GkeFormat;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The managed clouds' formats Vigil knows, for {@code vigil replay --format NAME} and its {@code auto} probe. The
 * registry lists instances with their default settings (no configured cluster mappings). It lives here rather than
 * in {@code ingest.cloud} so that the contract's package does not depend on its implementations.
 */
public final class CloudFormats {

    private CloudFormats() {
    }

    /** Every registered format, in probe order. */
    public static List<CloudFormat> all() {
        return List.of(
                new CloudWatchFormat(), new GkeFormat(), new AksFormat());
    }

    /** The format called {@code name}, if registered. */
    public static Optional<CloudFormat> byName(String name) {
        return all().stream().filter(format -> format.name().equals(name)).findFirst();
    }

    /** The first format whose probe recognises {@code item}, or empty when it looks like none (native events). */
    public static Optional<CloudFormat> probe(JsonNode item) {
        return all().stream().filter(format -> format.probe(item)).findFirst();
    }
}
