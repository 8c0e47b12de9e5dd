package dev.vigil.streams.evidence;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.ecs.Orchestrator;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.streams.redact.Redactor;
import dev.vigil.streams.testing.TestAuditEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceMapperTest {

    private final EvidenceMapper mapper = new EvidenceMapper(Redactor.withDefaults());

    private static AuditRecord falco(String file) {
        return TestAuditEvents.record(
                AuditTestData.lines(AuditTestData.file("k8s-audit/falco-traces/" + file)).get(0).text(), "test");
    }

    private static AuditRecord audit2rbac(int line) {
        return TestAuditEvents.record(
                AuditTestData.lines(AuditTestData.file("k8s-audit/audit2rbac/demo.log")).get(line).text(), "test");
    }

    @Test
    void mapsAnAnonymousCreateToEcsFields() {
        Evidence evidence = mapper.evidence(falco("anonymous_creates_namespace_foo.json"));

        assertThat(evidence.timestamp()).isEqualTo(Instant.parse("2018-10-25T13:58:49.736141Z"));
        assertThat(evidence.message()).isEqualTo("system:anonymous created namespaces/foo (201)");
        assertThat(evidence.event().kind()).isEqualTo("event");
        assertThat(evidence.event().id()).isEqualTo("test/841d3e6d-90d2-43df-8da4-684738bee3d5-ResponseComplete");
        assertThat(evidence.event().dataset()).isEqualTo("vigil.audit");
        assertThat(evidence.event().action()).isEqualTo("create");
        assertThat(evidence.event().outcome()).isEqualTo("success");
        assertThat(evidence.event().created()).isEqualTo(TestAuditEvents.RECEIVED_AT);
        assertThat(evidence.user().name()).isEqualTo("system:anonymous");
        assertThat(evidence.user().group().name()).containsExactly("system:masters", "system:authenticated");
        assertThat(evidence.user().target()).isNull();
        assertThat(evidence.source().ip()).isEqualTo("192.168.99.1");
        assertThat(evidence.userAgent()).isNull();
        assertThat(evidence.orchestrator()).isEqualTo(new Orchestrator("kubernetes", new Orchestrator.Cluster("test"),
                null, new Orchestrator.Resource("namespaces", "foo"), "v1"));
        assertThat(evidence.kubernetes().audit().auditID()).isEqualTo("841d3e6d-90d2-43df-8da4-684738bee3d5");
        assertThat(evidence.kubernetes().audit().requestObject().path("kind").stringValue()).isEqualTo("Namespace");
        assertThat(evidence.vigil().receivedAt()).isEqualTo(TestAuditEvents.RECEIVED_AT);
        assertThat(evidence.vigil().redacted()).isEmpty();
        assertThat(evidence.documentId()).isEqualTo(evidence.event().id());
    }

    @Test
    void namesTheImpersonatedUserAsTargetAndTakesTheV1beta1Timestamp() {
        Evidence evidence = mapper.evidence(audit2rbac(0));

        assertThat(evidence.message()).isEqualTo("system:admin as bob tried to list pods in default (403 Forbidden)");
        assertThat(evidence.user().name()).isEqualTo("system:admin");
        assertThat(evidence.user().target().name()).isEqualTo("bob");
        assertThat(evidence.user().target().group().name()).containsExactly("system:authenticated");
        assertThat(evidence.event().outcome()).isEqualTo("failure");
        assertThat(evidence.timestamp()).isEqualTo(Instant.parse("2017-09-11T19:55:05Z"));
        assertThat(evidence.orchestrator().namespace()).isEqualTo("default");
        assertThat(evidence.orchestrator().resource()).isEqualTo(new Orchestrator.Resource("pods", null));
    }

    @Test
    void describesSubresourcesAndUpgradedConnections() {
        Evidence evidence = mapper.evidence(falco("exec_pod.json"));

        assertThat(evidence.message())
                .isEqualTo("minikube-user created pods/nginx-deployment-7998647bdf-phvq7/exec in default (101)");
        assertThat(evidence.event().id()).endsWith("-ResponseStarted");
        assertThat(evidence.event().outcome()).isEqualTo("success");
    }

    @Test
    void takesTheCreatedObjectsNameWhenObjectRefHasNone() {
        Evidence evidence = mapper.evidence(falco("create_nginx_pod_privileged.json"));

        assertThat(evidence.message()).startsWith("system:serviceaccount:kube-system:replicaset-controller created pods/nginx-deployment-5cdcc99dbf-")
                .endsWith(" in default (201)");
        assertThat(evidence.orchestrator().resource().name()).startsWith("nginx-deployment-5cdcc99dbf-");
    }

    @Test
    void fallsBackToReceivedAtAndDescribesNonResourceRequests() {
        String healthCheck = "{\"apiVersion\":\"audit.k8s.io/v1\",\"kind\":\"Event\",\"level\":\"Metadata\","
                + "\"requestURI\":\"/healthz\",\"responseStatus\":{\"code\":200},\"sourceIPs\":[\"10.0.1.100\"],"
                + "\"stage\":\"ResponseComplete\",\"user\":{\"username\":\"system:anonymous\"},"
                + "\"userAgent\":\"ELB-HealthChecker/2.0\"}";

        Evidence evidence = mapper.evidence(TestAuditEvents.record(healthCheck, "prod-1"));

        assertThat(evidence.timestamp()).isEqualTo(TestAuditEvents.RECEIVED_AT);
        assertThat(evidence.message()).isEqualTo("system:anonymous requested /healthz (200)");
        assertThat(evidence.event().action()).isNull();
        assertThat(evidence.event().id()).startsWith("prod-1/derived-").endsWith("-ResponseComplete");
        assertThat(evidence.userAgent().original()).isEqualTo("ELB-HealthChecker/2.0");
        assertThat(evidence.orchestrator().resource()).isNull();
        assertThat(evidence.orchestrator().cluster().name()).isEqualTo("prod-1");
    }

    @Test
    void saysWhatAnUnknownVerbDidAndWhenNoResponseWasRecorded() {
        String propfind = "{\"kind\":\"Event\",\"verb\":\"propfind\",\"user\":{\"username\":\"system:anonymous\"},"
                + "\"sourceIPs\":[\"176.65.134.20\"],\"objectRef\":{\"resource\":\"\"},\"requestURI\":\"/\","
                + "\"stage\":\"RequestReceived\",\"apiVersion\":\"audit.k8s.io/v1\"}";

        Evidence evidence = mapper.evidence(TestAuditEvents.record(propfind, "prod-1"));

        assertThat(evidence.message()).isEqualTo("system:anonymous requested propfind on /");
        assertThat(evidence.event().outcome()).isEqualTo("unknown");
    }

    @Test
    void readsEveryThirdPartyEventIntoADocumentWithTimestampAndMessage() {
        for (AuditTestData.Line line : AuditTestData.thirdPartyEvents()) {
            var decoded = dev.vigil.model.audit.AuditRecordCodec.decode(TestAuditEvents.encode(line.text(), "test"));
            if (!decoded.isOk()) {
                continue;
            }
            Evidence evidence = mapper.evidence(decoded.value());
            assertThat(evidence.timestamp()).as(line.source()).isNotNull();
            assertThat(evidence.message()).as(line.source()).isNotBlank().doesNotContain("null");
            assertThat(evidence.event().id()).as(line.source()).isEqualTo(decoded.value().event().documentId("test")).startsWith("test/");
        }
    }
}
