package dev.vigil.console;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.alerting.index.TemplateInstaller;
import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.embedded.EmbeddedOpenSearchExtension;
import dev.vigil.model.json.VigilJson;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.BulkResponse;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents indexed into the embedded node as the indexer would (Vigil's templates, daily index by time), searchable on return. */
public final class IndexedForTests {

    private IndexedForTests() {
    }

    public static <T> void index(IndexFamily family, List<T> documents, Function<T, String> id,
                                 Function<T, Instant> time) throws IOException {
        try (OpenSearchProbe probe = new OpenSearchProbe(EmbeddedOpenSearchExtension.openSearch().url())) {
            new TemplateInstaller(probe.rest()).install();
            BulkResponse response = probe.client().bulk(bulk -> {
                bulk.refresh(Refresh.True);
                for (T document : documents) {
                    JsonNode json = document instanceof JsonNode node ? node : VigilJson.tree(document);
                    bulk.operations(op -> op.<JsonNode>index(index -> index.index(family.indexFor(time.apply(document)))
                            .id(id.apply(document)).document(json)));
                }
                return bulk;
            });
            assertThat(response.errors()).as(String.valueOf(response.items())).isFalse();
        }
    }
}
