package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.opensearch.OpenSearchClient;

/** Nodes of their own (not the shared one): these tests stop and restart them. */
class EmbeddedOpenSearchRestartIT {

    private static final String INDEX = "it-audit-restart";

    @Test
    void keepsIndicesAcrossARestartOnTheSamePort(@TempDir Path dir) throws IOException {
        OpenSearchSettings settings = OpenSearchSettings.builder().dataDir(dir.resolve("opensearch")).build();
        try (EmbeddedOpenSearch openSearch = new EmbeddedOpenSearch(settings).start()) {
            String url = openSearch.url();
            OpenSearchClient client = AuditIndexScenario.client(url);
            try {
                AuditIndexScenario.createIndex(client, INDEX);
                assertThat(AuditIndexScenario.bulkIndex(client, INDEX).errors()).isFalse();

                openSearch.stop();
                assertThat(openSearch.isRunning()).isFalse();
                assertThatThrownBy(client::info).as("no node answers while stopped").isInstanceOf(IOException.class);
                openSearch.start();

                assertThat(openSearch.url()).isEqualTo(url);
                AuditIndexScenario.assertExactCounts(client, INDEX);
            } finally {
                AuditIndexScenario.close(client);
            }
        }
        assertThat(dir.resolve("opensearch/data")).isDirectory();
    }

    @Test
    void failsCleanlyWhenItsPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedOpenSearch openSearch = new EmbeddedOpenSearch(
                    OpenSearchSettings.builder().httpPort(taken.getLocalPort()).build());

            assertThatThrownBy(openSearch::start).isInstanceOf(IllegalStateException.class)
                    .hasStackTraceContaining("Address already in use");

            assertThat(openSearch.isRunning()).isFalse();
            assertThat(openSearch.dataDir()).doesNotExist();
        }
    }

    @Test
    void deletesItsTemporaryDirectoryOnCloseAndCannotStartAgain() {
        EmbeddedOpenSearch openSearch = new EmbeddedOpenSearch().start();
        Path dataDir = openSearch.dataDir();
        assertThat(dataDir.resolve("data")).isDirectory();

        openSearch.close();

        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(openSearch::start).isInstanceOf(IllegalStateException.class);
    }
}
