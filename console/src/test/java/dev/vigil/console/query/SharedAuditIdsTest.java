package dev.vigil.console.query;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedAuditIdsTest {

    private static final JsonNode ALERT = json("""
            {"user":{"name":"alice"},"vigil":{"first_seen":"2026-11-23T10:00:00Z"}}""");

    @Test
    void allStagesOfTheOneRequestOfAnAuditIdStay() {
        List<JsonNode> stages = List.of(doc("a-1", "RequestReceived", "bob", "2026-11-23T10:00:00Z"),
                doc("a-1", "ResponseComplete", "bob", "2026-11-23T10:00:00Z"));

        assertThat(SharedAuditIds.ownRequests(ALERT, stages)).isEqualTo(stages);
    }

    @Test
    void ofTwoRequestsSharingAnAuditIdOnlyTheAlertPrincipalsIsEvidence() {
        JsonNode mallory = doc("a-1", "ResponseComplete", "mallory", "2026-11-23T10:00:01Z");
        JsonNode alice = doc("a-1", "ResponseComplete", "alice", "2026-11-22T08:00:00Z");
        JsonNode other = doc("a-2", "ResponseComplete", "carol", "2026-11-23T10:05:00Z");

        assertThat(SharedAuditIds.ownRequests(ALERT, List.of(mallory, alice, other))).containsExactly(alice, other);
    }

    @Test
    void withoutThePrincipalsRequestTheOneClosestToTheAlertStays() {
        JsonNode dayBefore = doc("a-1", "ResponseComplete", "bob", "2026-11-22T10:00:00Z");
        JsonNode sameTime = doc("a-1", "ResponseComplete", "carol", "2026-11-23T10:00:00Z");

        assertThat(SharedAuditIds.ownRequests(ALERT, List.of(dayBefore, sameTime))).containsExactly(sameTime);
    }

    private static JsonNode doc(String auditId, String stage, String user, String received) {
        return json("""
                {"kubernetes":{"audit":{"auditID":"%s","stage":"%s","user":{"username":"%s"},"requestReceivedTimestamp":"%s"}}}"""
                .formatted(auditId, stage, user, received));
    }

    private static JsonNode json(String text) {
        return VigilJson.mapper().readTree(text);
    }
}
