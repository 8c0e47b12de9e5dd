package dev.vigil.ingest.audit;

import dev.vigil.ingest.audit.AuditItemCheck.Accepted;
import dev.vigil.ingest.audit.AuditItemCheck.IdPolicy;
import dev.vigil.ingest.audit.AuditItemCheck.Rejected;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AuditItemCheckTest {

    private static final String EVENT = """
            {"level":"Metadata","auditID":"a-1","stage":"ResponseComplete","verb":"get",\
            "requestReceivedTimestamp":"2026-11-20T09:15:40.502113Z","stageTimestamp":"2026-11-20T09:15:40.504886Z"}""";

    private static AuditFileReader.Item item(String text) {
        JsonNode node = VigilJson.mapper().readTree(text);
        return new AuditFileReader.Item("test", 7, node, text, null);
    }

    @Test
    void acceptsAnEventWithItsOriginalObjectAndIdentity() {
        AuditItemCheck.Verdict verdict = AuditItemCheck.check(item(EVENT), IdPolicy.REQUIRE);
        assertThat(verdict).isInstanceOfSatisfying(Accepted.class, accepted -> {
            assertThat(accepted.auditID()).isEqualTo("a-1");
            assertThat(accepted.documentId()).isEqualTo("a-1-ResponseComplete");
            assertThat(VigilJson.write(accepted.event())).isEqualTo(EVENT);
        });
    }

    @Test
    void missingAuditIdIsRejectedFromTheWebhookButDerivedOnReplay() {
        String noId = EVENT.replace("\"auditID\":\"a-1\",", "");
        assertThat(AuditItemCheck.check(item(noId), IdPolicy.REQUIRE))
                .isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.reason()).contains("no auditID");
                    assertThat(rejected.payload()).isEqualTo(noId);
                });
        assertThat(AuditItemCheck.check(item(noId), IdPolicy.DERIVE))
                .isInstanceOfSatisfying(Accepted.class, accepted -> assertThat(accepted.auditID())
                        .isEqualTo(AuditEventParser.derivedAuditId(VigilJson.mapper().readTree(noId))));
    }

    @Test
    void rejectsWhatIsNotAnEventWithTheParsersReason() {
        assertThat(reason("[1,2]")).contains("not a JSON object");
        assertThat(reason("{\"kind\":0}")).contains("kind");
        assertThat(reason(EVENT.replace("2026-11-20T09:15:40.504886Z", "yesterday")))
                .contains("stageTimestamp").contains("unparseable timestamp");
        assertThat(reason(EVENT.replace("\"verb\":\"get\"", "\"verb\":42"))).contains("verb");
    }

    @Test
    void rejectsAnObjectThatIsNoAuditEventOnReplayToo() {
        assertThat(AuditItemCheck.check(item("{\"foo\":1}"), IdPolicy.DERIVE))
                .isInstanceOfSatisfying(Rejected.class, rejected -> {
                    assertThat(rejected.reason()).startsWith("not an audit event: no kind Event");
                    assertThat(rejected.payload()).isEqualTo("{\"foo\":1}");
                });
        assertThat(AuditItemCheck.check(item("{}"), IdPolicy.DERIVE)).isInstanceOf(Rejected.class);
        // a fixture that only says what it is (Panther's) stays an event
        assertThat(AuditItemCheck.check(item("{\"kind\":\"Event\",\"user\":{\"username\":\"a\"}}"), IdPolicy.DERIVE))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void rejectsAnUnreadableItemWithTheReadersError() {
        AuditFileReader.Item broken = new AuditFileReader.Item("test", 3, null, "{oops", "not valid JSON: oops");
        assertThat(AuditItemCheck.check(broken, IdPolicy.DERIVE)).isEqualTo(
                new Rejected("not valid JSON: oops", "{oops"));
    }

    private static String reason(String text) {
        return ((Rejected) AuditItemCheck.check(item(text), IdPolicy.REQUIRE)).reason();
    }
}
