package dev.vigil.model.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every root member {@link PlainEventScanner} checks, in a shape only Jackson may judge (a wrong type, an envelope
 * field, a kind that is not an event): the scanner is not sure. Random byte mutations seldom spell a whole name, so
 * each one is tried here by name; the same member with a good value is accepted.
 */
class PlainEventScannerFieldsTest {

    private static final String PLAIN = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"a\","
            + "\"stage\":\"ResponseComplete\",\"verb\":\"get\"";

    private static int scan(String members) {
        byte[] bytes = (PLAIN + members + "}").getBytes(StandardCharsets.UTF_8);
        int end = new PlainEventScanner().scan(bytes, 0, bytes.length);
        assertThat(end).as(members).isIn(-1, bytes.length);
        return end;
    }

    @ParameterizedTest
    @ValueSource(strings = {",\"cluster\":\"c\"", ",\"receivedAt\":\"2026-12-03T10:00:00Z\"", ",\"kind\":\"List\"",
            ",\"auditID\":1", ",\"auditID\":\" \"", ",\"verb\":1", ",\"requestURI\":{}", ",\"stage\":1",
            ",\"level\":[]", ",\"userAgent\":true", ",\"requestReceivedTimestamp\":\"yesterday\"",
            ",\"stageTimestamp\":1", ",\"user\":{\"username\":1}", ",\"user\":{\"groups\":[1]}",
            ",\"impersonatedUser\":{\"uid\":{}}", ",\"impersonatedUser\":{\"extra\":{\"x\":\"y\"}}", ",\"sourceIPs\":[{}]",
            ",\"sourceIPs\":\"10.0.0.1\"", ",\"objectRef\":{\"namespace\":2}", ",\"objectRef\":{\"apiVersion\":[]}",
            ",\"responseStatus\":{\"code\":1.5}", ",\"responseStatus\":{\"code\":1234567890}",
            ",\"responseStatus\":{\"reason\":5}", ",\"annotations\":{\"a\":{}}", ",\"annotations\":{\"a\":[]}",
            ",\"kind\":\"Ev\\u0065nt\"", ",\"kind\":\"Event\",\"kind\":\"Other\""})
    void isNotSureOfAMemberOnlyJacksonMayJudge(String members) {
        assertThat(scan(members)).as(members).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"level\":\"Metadata\",\"userAgent\":null,\"requestURI\":\"/api\"",
            ",\"requestReceivedTimestamp\":\"2026-12-03T10:00:00.000001Z\",\"stageTimestamp\":null",
            ",\"user\":{\"username\":\"u\",\"uid\":null,\"groups\":[\"g\"],\"extra\":{\"x\":[\"y\"]},\"z\":{}}",
            ",\"impersonatedUser\":null,\"sourceIPs\":[\"10.0.0.1\",\"::1\"]",
            ",\"objectRef\":{\"resource\":\"pods\",\"namespace\":null,\"apiVersion\":\"v1\",\"x\":[1]}",
            ",\"responseStatus\":{\"code\":200,\"reason\":\"r\",\"metadata\":{}},\"annotations\":{\"a\":\"b\",\"c\":1}",
            ",\"kind\":\"Event\",\"apiVersion\":\"v1\",\"clusters\":1,\"receivedAtX\":2,\"stages\":3"})
    void acceptsTheSameMembersWithGoodValues(String members) {
        assertThat(scan(members)).as(members).isGreaterThan(0);
    }
}
