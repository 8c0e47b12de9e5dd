package dev.vigil.model.dlq;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The writers' reason texts and source ids map onto the fixed tag values, never onto free text. */
class DeadLetterCategoryTest {

    @Test
    void theWritersReasonsMapOntoTheFixedCategories() {
        assertThat(DeadLetterCategory.of("not valid JSON: Unexpected character ('p' (code 112))")).isEqualTo(DeadLetterCategory.NOT_JSON);
        assertThat(DeadLetterCategory.of("not valid JSON: the document is broken at line 1 ('}' closes an array); "
                + "the rest of the input was not read as items")).isEqualTo(DeadLetterCategory.NOT_JSON);
        assertThat(DeadLetterCategory.of("not an audit event: no kind Event, apiVersion audit.k8s.io/…, auditID, "
                + "verb or requestURI")).isEqualTo(DeadLetterCategory.NOT_AN_AUDIT_EVENT);
        assertThat(DeadLetterCategory.of("no auditID (the API server sends one with every event)"))
                .isEqualTo(DeadLetterCategory.NO_AUDIT_ID);
        assertThat(DeadLetterCategory.of("stageTimestamp: unparseable timestamp 'yesterday'"))
                .isEqualTo(DeadLetterCategory.INVALID_EVENT);
        assertThat(DeadLetterCategory.of("user: expected an object but got string \"root\""))
                .isEqualTo(DeadLetterCategory.INVALID_EVENT);
        assertThat(DeadLetterCategory.of("kind is 'Pod', expected 'Event'")).isEqualTo(DeadLetterCategory.INVALID_EVENT);
        assertThat(DeadLetterCategory.of("not a JSON object but number 42")).isEqualTo(DeadLetterCategory.INVALID_EVENT);
        assertThat(DeadLetterCategory.of("the event was sent without its unreadable objects {requestObject=unreadable: "
                + "Document nesting depth (501) exceeds the maximum allowed (500)}"))
                .isEqualTo(DeadLetterCategory.OBJECT_DROPPED);
        assertThat(DeadLetterCategory.of("item larger than 1048576 characters (part 1)")).isEqualTo(DeadLetterCategory.TOO_LARGE);
        assertThat(DeadLetterCategory.of("the event was sent without its request and response objects, too large: the "
                + "event was 1300000 bytes, a Kafka record may be 1048576")).isEqualTo(DeadLetterCategory.TOO_LARGE);
        assertThat(DeadLetterCategory.of("event hub audit may not deliver cluster 'x'"))
                .isEqualTo(DeadLetterCategory.CLUSTER_REFUSED);
        assertThat(DeadLetterCategory.of("processing failed in rules: java.lang.IllegalStateException: boom"))
                .isEqualTo(DeadLetterCategory.PROCESSING_FAILED);
        assertThat(DeadLetterCategory.of("webhook notifier soar (https://soar.example.com/****) gave up after 1 "
                + "attempt(s): HTTP 400")).isEqualTo(DeadLetterCategory.NOTIFICATION_FAILED);
        assertThat(DeadLetterCategory.of(null)).isEqualTo(DeadLetterCategory.OTHER);
        assertThat(DeadLetterCategory.of("something new")).isEqualTo(DeadLetterCategory.OTHER);
    }

    @Test
    void aSourceIsCountedUnderItsStageNeverUnderAClusterOrFile() {
        assertThat(DeadLetterCategory.sourceOf("ingest:webhook:prod-1:item-3")).isEqualTo("ingest:webhook");
        assertThat(DeadLetterCategory.sourceOf("ingest:firehose:prod-1:rec-1")).isEqualTo("ingest:firehose");
        assertThat(DeadLetterCategory.sourceOf("ingest:my-event-hub:abc")).isEqualTo("ingest");
        assertThat(DeadLetterCategory.sourceOf("replay:audit.log:17")).isEqualTo("replay");
        assertThat(DeadLetterCategory.sourceOf("streams:k8s.audit.events/0@42")).isEqualTo("streams");
        assertThat(DeadLetterCategory.sourceOf("alerting:notify:soar:vigil.alerts/2@1841")).isEqualTo("alerting:notify");
        assertThat(DeadLetterCategory.sourceOf("alerting:vigil.evidence/0@1")).isEqualTo("alerting");
        assertThat(DeadLetterCategory.sourceOf("anything else")).isEqualTo("other");
        assertThat(DeadLetterCategory.sourceOf(null)).isEqualTo("other");
    }
}
