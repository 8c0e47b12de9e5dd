package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventIdsTest {

    @Test
    void theDocumentIdNamesClusterAuditIdAndStage() {
        assertThat(AuditEvent.documentId("prod-1", "a-1", "ResponseComplete")).isEqualTo("prod-1/a-1-ResponseComplete");
        assertThat(AuditEvent.documentId("prod-1", "a-1", null)).isEqualTo("prod-1/a-1-Unknown");
        assertThat(AuditEvent.stageId("a-1", "RequestReceived")).isEqualTo("a-1-RequestReceived");
    }

    @Test
    void theSameAuditIdInTwoClustersGivesTwoIds() {
        assertThat(AuditEvent.documentId("local", "a-1", "ResponseComplete"))
                .isNotEqualTo(AuditEvent.documentId("prod-1", "a-1", "ResponseComplete"));
    }

    @Test
    void noAuditIdOfOneClusterNamesADocumentOfAnother() {
        // the sender chooses the audit id, never the cluster; cluster names have no '/', so the prefix is fixed
        String victim = AuditEvent.documentId("local", "a-1", "ResponseComplete");

        assertThat(AuditEvent.documentId("evil", "../local/a-1", "ResponseComplete")).isNotEqualTo(victim);
        assertThat(AuditEvent.documentId("evil", "local/a-1", "ResponseComplete")).isNotEqualTo(victim)
                .startsWith("evil/");
        assertThat(AuditEvent.documentId(null, "local/a-1", "ResponseComplete")).startsWith("/")
                .isNotEqualTo(victim);
    }
}
