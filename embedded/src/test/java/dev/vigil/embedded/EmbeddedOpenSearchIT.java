package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.InfoResponse;

@WithEmbeddedOpenSearch
class EmbeddedOpenSearchIT {

    private OpenSearchClient client;

    @BeforeEach
    void connect(EmbeddedOpenSearch openSearch) {
        client = AuditIndexScenario.client(openSearch.url());
    }

    @AfterEach
    void disconnect() {
        AuditIndexScenario.close(client);
    }

    @Test
    void answersAsOpenSearch2OnItsUrl(EmbeddedOpenSearch openSearch) throws IOException {
        InfoResponse info = client.info();

        assertThat(info.version().distribution()).isEqualTo("opensearch");
        assertThat(info.version().number()).isEqualTo("2.19.6");
        assertThat(openSearch.url()).isEqualTo("http://127.0.0.1:" + openSearch.port());
        assertThat(openSearch).isSameAs(EmbeddedOpenSearchExtension.openSearch());
    }

    @Test
    void indexesAndSearchesAuditDocumentsExactly() throws IOException {
        AuditIndexScenario.run(client, "it-audit-embedded");
    }
}
