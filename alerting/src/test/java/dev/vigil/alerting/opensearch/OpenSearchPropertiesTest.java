package dev.vigil.alerting.opensearch;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchPropertiesTest {

    @Test
    void toStringMasksPasswordAndApiKey() {
        OpenSearchProperties basic = properties("vigil", "s3cr3t-pass", null, "Authorization");
        OpenSearchProperties apiKey = properties(null, null, "key-4711-abcdef", "X-Api-Key");

        assertThat(basic.toString()).contains("username=vigil", "password=******").doesNotContain("s3cr3t-pass");
        assertThat(apiKey.toString()).contains("apiKey=******", "apiKeyHeader=X-Api-Key")
                .doesNotContain("key-4711-abcdef");
    }

    @Test
    void defaultsToLocalPlainHttpWithoutCredentials() {
        OpenSearchProperties local = OpenSearchProperties.of("http://127.0.0.1:9200");

        assertThat(local.basicAuth()).isFalse();
        assertThat(local.apiKeyAuth()).isFalse();
        assertThat(local.toString()).contains("password=null", "apiKey=null");
    }

    @Test
    void rejectsBasicAuthAndApiKeyInTheSameHeader() {
        assertThatThrownBy(() -> properties("vigil", "pw", "key", "Authorization"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude each other");
    }

    @Test
    void rejectsPasswordWithoutUserAndNonHttpUrls() {
        assertThatThrownBy(() -> properties(null, "pw", null, "Authorization"))
                .hasMessageContaining("without vigil.opensearch.username");
        assertThatThrownBy(() -> new OpenSearchProperties(URI.create("ftp://host"), null, null, null, "Authorization",
                null, Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("http or https");
    }

    static OpenSearchProperties properties(String user, String password, String apiKey, String header) {
        return new OpenSearchProperties(URI.create("https://opensearch.example:9200"), user, password, apiKey, header,
                Path.of("ca.pem"), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }
}
