package dev.vigil.app.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStartOnTheSameDataReusesTheTokenAndPassword() throws Exception {
        GeneratedCredentials first = GeneratedCredentials.resolve(new MockEnvironment(), dataDir).orElseThrow();
        GeneratedCredentials second = GeneratedCredentials.resolve(new MockEnvironment(), dataDir).orElseThrow();

        assertThat(first.reused()).isFalse();
        assertThat(second.reused()).isTrue();
        assertThat(second.ingestToken()).isEqualTo(first.ingestToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(second.consolePassword()).isEqualTo(first.consolePassword()).hasSize(24);
        Path file = dataDir.resolve("credentials.properties");
        assertThat(second.file()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.properties()).containsEntry("vigil.ingest.token", first.ingestToken())
                .containsEntry("vigil.console.password", first.consolePassword());
    }

    @Test
    void aWidenedFileIsNarrowedBeforeItIsRead() throws Exception {
        GeneratedCredentials first = GeneratedCredentials.resolve(new MockEnvironment(), dataDir).orElseThrow();
        Files.setPosixFilePermissions(first.file(), PosixFilePermissions.fromString("rw-r--r--"));

        GeneratedCredentials again = GeneratedCredentials.resolve(new MockEnvironment(), dataDir).orElseThrow();

        assertThat(again.consolePassword()).isEqualTo(first.consolePassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
    }

    @Test
    void configuredCredentialsAreNeitherGeneratedNorWritten() {
        MockEnvironment configured = new MockEnvironment()
                .withProperty("vigil.ingest.token", "mine")
                .withProperty("vigil.console.password", "also-mine");

        assertThat(GeneratedCredentials.resolve(configured, dataDir)).isEmpty();
        assertThat(dataDir.resolve("credentials.properties")).doesNotExist();

        GeneratedCredentials onlyPassword = GeneratedCredentials.resolve(
                new MockEnvironment().withProperty("vigil.ingest.tokens[0].token", "t"), dataDir).orElseThrow();
        assertThat(onlyPassword.ingestToken()).isNull();
        assertThat(onlyPassword.consolePassword()).isNotBlank();
    }

    @Test
    void withoutEmbeddedDataTheyLastOneRun() {
        GeneratedCredentials credentials = GeneratedCredentials.resolve(
                new MockEnvironment().withProperty("vigil.roles", "ingest"), null).orElseThrow();

        assertThat(credentials.file()).isNull();
        assertThat(credentials.ingestToken()).isNotBlank();
        assertThat(credentials.consolePassword()).as("no console role").isNull();
    }
}
