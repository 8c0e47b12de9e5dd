package dev.vigil.ingest.cloud.gke;

import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.cloud.CloudSamples;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.AuditEventParser;
import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GkeFormatTest {

    private final GkeFormat format = new GkeFormat();

    @Test
    void mapsTheCloudAuditLogEntryOfAPodCreateToTheEventTheApiServerLogs() {
        JsonNode entry = CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD);

        List<CloudRecord> records = format.events(entry);

        assertThat(records).hasSize(1);
        CloudRecord record = records.get(0);
        assertThat(record.isOk()).as(record.error()).isTrue();
        assertThat(record.cluster()).isEqualTo("gke-prod-1");
        ObjectNode event = record.event();
        assertThat(event.get("kind").asString()).isEqualTo("Event");
        assertThat(event.get("apiVersion").asString()).isEqualTo("audit.k8s.io/v1");
        assertThat(event.get("level").asString()).isEqualTo("RequestResponse");
        assertThat(event.get("auditID").asString()).isEqualTo("6f3a0c2e-4d51-4b8e-a1c9-0e2f7b6d5a10");
        assertThat(event.get("stage").asString()).isEqualTo("ResponseComplete");
        assertThat(event.get("verb").asString()).isEqualTo("create");
        assertThat(event.get("requestURI").asString()).isEqualTo("/api/v1/namespaces/default/pods");
        assertThat(VigilJson.write(event.get("user")))
                .isEqualTo("{\"username\":\"dev@example.com\",\"groups\":[\"system:authenticated\"]}");
        assertThat(VigilJson.write(event.get("sourceIPs"))).isEqualTo("[\"192.0.2.10\"]");
        assertThat(event.get("userAgent").asString()).startsWith("kubectl/v1.30.2");
        assertThat(VigilJson.write(event.get("objectRef")))
                .isEqualTo("{\"resource\":\"pods\",\"namespace\":\"default\",\"name\":\"debug-shell\",\"apiVersion\":\"v1\"}");
        assertThat(event.get("responseStatus").get("code").asInt()).isEqualTo(201);
        assertThat(event.get("requestObject").has("@type")).isFalse();
        assertThat(event.get("requestObject").get("kind").asString()).isEqualTo("Pod");
        assertThat(event.get("responseObject").has("@type")).isFalse();
        assertThat(event.get("responseObject").at("/spec/containers/0/securityContext/privileged").asBoolean()).isTrue();
        assertThat(event.get("stageTimestamp").asString()).isEqualTo("2024-05-14T09:21:07.412345Z");
        assertThat(event.get("requestReceivedTimestamp").asString()).isEqualTo("2024-05-14T09:21:07.412345Z");
        assertThat(event.get("annotations").get("authorization.k8s.io/decision").asString()).isEqualTo("allow");
        assertThat(event.get("annotations").get("authorization.k8s.io/reason").asString())
                .isEqualTo("access granted by IAM permissions.");
        assertThat(event.get("annotations").get(GkeAuditMapping.RECEIVE_TIMESTAMP_ANNOTATION).asString())
                .isEqualTo("2024-05-14T09:21:09.873912345Z");
        Decoded<AuditEvent> parsed = AuditEventParser.parse(event, null);
        assertThat(parsed.isOk()).isTrue();
    }

    @Test
    void readsGroupVersionNamespaceAndSubresourceFromMethodAndResourceNames() {
        GkeMethod exec = GkeMethod.of("io.k8s.core.v1.pods.exec.create", "core/v1/namespaces/prod/pods/api-0/exec");
        assertThat(exec).isEqualTo(new GkeMethod("create", "", "v1", "pods", "exec", "prod", "api-0"));
        assertThat(exec.requestURI()).isEqualTo("/api/v1/namespaces/prod/pods/api-0/exec");

        GkeMethod binding = GkeMethod.of("io.k8s.authorization.rbac.v1.clusterrolebindings.delete",
                "rbac.authorization.k8s.io/v1/clusterrolebindings/pwn");
        assertThat(binding).isEqualTo(new GkeMethod("delete", "rbac.authorization.k8s.io", "v1",
                "clusterrolebindings", "", "", "pwn"));
        assertThat(binding.requestURI()).isEqualTo("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/pwn");

        assertThat(GkeMethod.of("io.k8s.core.v1.secrets.list", "core/v1/namespaces/kube-system/secrets"))
                .isEqualTo(new GkeMethod("list", "", "v1", "secrets", "", "kube-system", ""));
        assertThat(GkeMethod.of("io.k8s.core.v1.namespaces.finalize.update", "core/v1/namespaces/team-a/finalize"))
                .isEqualTo(new GkeMethod("update", "", "v1", "namespaces", "finalize", "team-a", "team-a"));
        assertThat(GkeMethod.of("io.k8s.apps.v1.deployments.patch", null))
                .isEqualTo(new GkeMethod("patch", "apps", "v1", "deployments", "", "", ""));
        assertThat(GkeMethod.of("io.k8s.networking.v1.networkpolicies.create", null).apiGroup())
                .isEqualTo("networking.k8s.io");
    }

    @Test
    void mapsGoogleRpcStatusToTheHttpCodeAndRestoresOnlyTheGroupsKubernetesImplies() {
        ObjectNode entry = (ObjectNode) CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD);
        ObjectNode payload = (ObjectNode) entry.get("protoPayload");
        payload.putObject("status").put("code", 7).put("message", "pods is forbidden");
        payload.putObject("authenticationInfo").put("principalEmail", "system:serviceaccount:ci:deployer");
        payload.remove("response");
        ((ObjectNode) entry.get("labels")).remove("authorization.k8s.io/decision");
        ((ObjectNode) payload.get("authorizationInfo").get(0)).put("granted", false);

        ObjectNode event = format.events(entry).get(0).event();

        assertThat(event.get("responseStatus").get("code").asInt()).isEqualTo(403);
        assertThat(event.get("responseStatus").get("message").asString()).isEqualTo("pods is forbidden");
        assertThat(event.get("level").asString()).isEqualTo("Request");
        assertThat(event.get("annotations").get("authorization.k8s.io/decision").asString()).isEqualTo("forbid");
        assertThat(VigilJson.write(event.get("user").get("groups")))
                .isEqualTo("[\"system:serviceaccounts\",\"system:serviceaccounts:ci\",\"system:authenticated\"]");
        assertThat(VigilJson.write(GkeAuditMapping.impliedGroups("system:node:gke-pool-1-abcd")))
                .isEqualTo("[\"system:nodes\",\"system:authenticated\"]");
        assertThat(VigilJson.write(GkeAuditMapping.impliedGroups("system:anonymous")))
                .isEqualTo("[\"system:unauthenticated\"]");
    }

    @Test
    void anEntryOfAnotherServiceOrWithoutPayloadFailsWithItsReason() {
        ObjectNode other = (ObjectNode) CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD);
        ((ObjectNode) other.get("protoPayload")).put("serviceName", "container.googleapis.com");
        CloudRecord record = format.events(other).get(0);
        assertThat(record.isOk()).isFalse();
        assertThat(record.error()).contains("container.googleapis.com");
        assertThat(record.cluster()).isEqualTo("gke-prod-1");
        assertThat(record.original()).contains("debug-shell");

        CloudRecord text = format.events(VigilJson.mapper().readTree("{\"textPayload\":\"hello\"}")).get(0);
        assertThat(text.error()).contains("no protoPayload");
    }

    @Test
    void probesCloudLoggingEntriesOnly() {
        assertThat(format.probe(CloudSamples.json(CloudSamples.GKE_PRIVILEGED_POD))).isTrue();
        assertThat(format.probe(CloudSamples.json(CloudSamples.AKS_PRIVILEGED_POD))).isFalse();
        assertThat(format.probe(VigilJson.mapper().readTree("{\"kind\":\"Event\",\"verb\":\"get\"}"))).isFalse();
    }
}
