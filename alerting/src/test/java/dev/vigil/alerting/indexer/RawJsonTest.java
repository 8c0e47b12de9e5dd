package dev.vigil.alerting.indexer;

import dev.vigil.alerting.opensearch.OpenSearchJson;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class RawJsonTest {

    @Test
    void theClientsMapperWritesTheBytesAsTheyAreSmallOrLargerThanItsBuffer() {
        String small = "{\"a\":\"\\u00e9 é \\\"q\\\"\",\"n\":1.10,\"e\":1E+2}";
        String large = "{\"list\":[" + String.join(",", Collections.nCopies(5_000, "\"ünïcødé\\n\"")) + "]}";
        for (String document : new String[]{small, large}) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonGenerator generator = OpenSearchJson.mapper().jsonProvider().createGenerator(out);

            OpenSearchJson.mapper().serialize(new RawJson(bytes), generator);
            generator.close();

            assertThat(out.toByteArray()).isEqualTo(bytes);
        }
    }
}
