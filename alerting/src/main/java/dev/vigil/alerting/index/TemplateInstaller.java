package dev.vigil.alerting.index;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.alerting.opensearch.OpenSearchRest.JsonResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Installs {@link IndexTemplates} idempotently: a template is written only when it is missing or older than the
 * file's {@code version}, or of the same version with other primary shards than configured
 * ({@code vigil.indexer.evidence-shards}); an equal version is otherwise left alone and a newer one (a later Vigil in
 * the same cluster) is kept. Shards apply to the daily indices created from then on.
 */
public final class TemplateInstaller {

    /** What installing one template did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, KEPT_NEWER }

    /** The outcome for one template with the version now installed. */
    public record Result(String name, Outcome outcome, long installedVersion) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TemplateInstaller.class);

    private final OpenSearchRest rest;
    private final int evidenceShards;

    public TemplateInstaller(OpenSearchRest rest) {
        this(rest, IndexTemplates.DEFAULT_EVIDENCE_SHARDS);
    }

    /** @param evidenceShards primary shards of each new daily evidence index */
    public TemplateInstaller(OpenSearchRest rest, int evidenceShards) {
        this.rest = rest;
        this.evidenceShards = evidenceShards;
    }

    /** Installs every template in order; throws {@link IllegalStateException} when OpenSearch refuses one. */
    public List<Result> install() {
        List<Result> results = new ArrayList<>();
        for (IndexTemplates.Template template : IndexTemplates.all(evidenceShards)) {
            results.add(install(template));
        }
        return results;
    }

    Result install(IndexTemplates.Template template) {
        JsonResponse existing = rest.get(template.path());
        long installed = -1;
        if (existing.ok()) {
            var current = template.kind().installed(existing.body());
            installed = current.path("version").asLong(0);
            if (installed == template.version()
                    && Objects.equals(IndexTemplates.shards(current), IndexTemplates.shards(template.body()))) {
                return new Result(template.name(), Outcome.UNCHANGED, installed);
            }
            if (installed > template.version()) {
                LOG.warn("Keeping {} {} version {}: newer than this Vigil's version {}", template.kind(),
                        template.name(), installed, template.version());
                return new Result(template.name(), Outcome.KEPT_NEWER, installed);
            }
        } else if (!existing.notFound()) {
            throw new IllegalStateException("cannot read " + template.path() + ": " + existing.status() + " "
                    + existing.error());
        }
        JsonResponse put = rest.put(template.path(), template.body());
        if (!put.ok()) {
            throw new IllegalStateException("OpenSearch refused " + template.path() + ": " + put.status() + " "
                    + put.error());
        }
        Outcome outcome = installed < 0 ? Outcome.CREATED : Outcome.UPDATED;
        // an equal version with other shards is written again (above): that is an update, not a downgrade
        if (outcome == Outcome.UPDATED && template.kind() == IndexTemplates.Kind.COMPONENT) {
            extendExistingIndices(template);
        }
        LOG.info("{} {} {} version {}", outcome == Outcome.CREATED ? "Created" : "Updated",
                template.kind() == IndexTemplates.Kind.COMPONENT ? "component template" : "index template",
                template.name(), template.version());
        return new Result(template.name(), outcome, template.version());
    }

    /**
     * A newer component template reaches only indices created from now on; its added fields (e.g. the alert's
     * {@code vigil.status}) are also put on the existing indices of the templates composed of it, so that today's
     * index searches them too. Adding fields is always accepted; a refused change is logged, not fatal.
     */
    private void extendExistingIndices(IndexTemplates.Template component) {
        var mappings = component.body().path("template").path("mappings");
        if (!mappings.isObject()) {
            return;
        }
        for (IndexTemplates.Template index : IndexTemplates.all()) {
            boolean uses = index.kind() == IndexTemplates.Kind.INDEX && index.body().path("composed_of").valueStream()
                    .anyMatch(name -> component.name().equals(name.asString()));
            if (!uses) {
                continue;
            }
            for (var pattern : index.body().path("index_patterns")) {
                JsonResponse put = rest.put("/" + pattern.asString() + "/_mapping",
                        java.util.Map.of("allow_no_indices", "true", "ignore_unavailable", "true"), mappings);
                if (!put.ok()) {
                    LOG.warn("Could not add the fields of {} to the existing indices {}: {} {}", component.name(),
                            pattern.asString(), put.status(), put.error());
                }
            }
        }
    }
}
