package dev.vigil.ingest.cloud;

import dev.vigil.model.json.VigilJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The managed clusters' samples in the model's test fixtures, {@code fixtures/gke|aks/} (see SOURCES.md there). */
public final class CloudSamples {

    public static final String GKE_PRIVILEGED_POD = "/fixtures/gke/privileged-pod-create.json";
    public static final String AKS_PRIVILEGED_POD = "/fixtures/aks/privileged-pod-create.json";

    private CloudSamples() {
    }

    public static String text(String resource) {
        try (InputStream in = CloudSamples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        return VigilJson.mapper().readTree(text(resource));
    }
}
