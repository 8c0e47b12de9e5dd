package dev.vigil.ingest.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokensTest {

    private final BearerTokens tokens = new BearerTokens(List.of(
            new BearerTokens.Entry("prod", "s3cret-prod", List.of("prod-1")),
            new BearerTokens.Entry("fleet", "s3cret-fleet", List.of("edge-1", "edge-2"))));

    @Test
    void acceptsAConfiguredTokenAsItsClusters() {
        assertThat(tokens.authenticate("s3cret-prod")).hasValueSatisfying(principal -> {
            assertThat(principal.name()).isEqualTo("prod");
            assertThat(principal.defaultCluster()).isEqualTo("prod-1");
            assertThat(principal.mayPostAs("edge-1")).isFalse();
        });
        assertThat(tokens.authenticate("s3cret-fleet")).hasValueSatisfying(principal -> {
            assertThat(principal.defaultCluster()).isEqualTo("edge-1");
            assertThat(principal.mayPostAs("edge-2")).isTrue();
        });
    }

    @Test
    void rejectsUnknownEmptyAndPrefixTokens() {
        assertThat(tokens.authenticate("s3cret")).isEmpty();
        assertThat(tokens.authenticate("s3cret-prod ")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void entryNeverPrintsItsToken() {
        assertThat(new BearerTokens.Entry("prod", "s3cret-prod", List.of("prod-1")).toString())
                .doesNotContain("s3cret").contains("****");
    }

    @Test
    void readsBearerTokenFromAuthorizationHeader() {
        assertThat(IngestAuthenticator.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(IngestAuthenticator.bearerToken("bearer  abc ")).isEqualTo("abc");
        assertThat(IngestAuthenticator.bearerToken("Basic YWRtaW46YWRtaW4=")).isNull();
        assertThat(IngestAuthenticator.bearerToken("Bearer ")).isNull();
        assertThat(IngestAuthenticator.bearerToken(null)).isNull();
    }

    @Test
    void localTokenIsGeneratedAndPrintedOnceOrTakenFromTheEnvironment() {
        var printed = new java.io.ByteArrayOutputStream();
        BearerTokens.Entry generated = LocalToken.resolve(null, new java.io.PrintStream(printed, true));
        assertThat(generated.clusters()).containsExactly("local");
        assertThat(generated.token()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(printed.toString().lines()).singleElement().asString()
                .startsWith("==> Vigil ingest token").endsWith(generated.token());

        printed.reset();
        BearerTokens.Entry given = LocalToken.resolve("from-env", new java.io.PrintStream(printed, true));
        assertThat(given.token()).isEqualTo("from-env");
        assertThat(printed.toString()).as("vigil run's ready summary says where it comes from").isEmpty();
    }
}
