package dev.vigil.model.audit;

import dev.vigil.model.testdata.AuditTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.vigil.model.audit.RequestSummaryCorpus.objectsMayHoldPod;
import static dev.vigil.model.audit.RequestSummaryCorpus.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestSummary#mayHoldPod()} as {@link RequestSummaryReader} reads it: false for objects that plainly hold no
 * pod (a lease, a config map, no object), true — or no answer at all — for every pod and for anything unusual an
 * attacker could write to hide one (escaped names, duplicates, a JSON Patch, a spec of another type). Whenever it says
 * false, the decoders' objects hold no pod ({@link RequestSummaryCorpus#objectsMayHoldPod}).
 */
class RequestSummaryPodTest {

    private static final String EVENT = "{\"kind\":\"Event\",\"auditID\":\"a\",\"stage\":\"ResponseComplete\","
            + "\"verb\":\"update\",\"user\":{\"username\":\"system:node:n1\"},%s"
            + "\"responseStatus\":{\"code\":200}}";
    private static final String LEASE = "{\"kind\":\"Lease\",\"apiVersion\":\"coordination.k8s.io/v1\","
            + "\"metadata\":{\"name\":\"n1\",\"namespace\":\"kube-node-lease\","
            + "\"ownerReferences\":[{\"kind\":\"Node\"}]},\"spec\":{\"holderIdentity\":\"n1\","
            + "\"leaseDurationSeconds\":40,\"renewTime\":\"2026-03-02T11:00:00.000000Z\"}}";
    private static final String POD = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\","
            + "\"securityContext\":{\"privileged\":true}}]}}";

    /** The flag the reader gives for an event with these members, null when it does not answer; checked sound. */
    private static Boolean mayHoldPod(String members) {
        return mayHoldPod(utf8(RequestSummaryCorpus.enveloped(String.format(EVENT, members))));
    }

    private static Boolean mayHoldPod(byte[] value) {
        RequestSummary summary = RequestSummaryReader.read(value);
        if (summary == null) {
            return null;
        }
        if (!summary.mayHoldPod()) {
            assertThat(objectsMayHoldPod(value)).as("read as pod-free: %s", RequestSummaryCorpus.text(value)).isFalse();
        }
        return summary.mayHoldPod();
    }

    @Test
    void objectsThatPlainlyHoldNoPodAreReadAsSuch() {
        assertThat(mayHoldPod("")).as("no objects").isFalse();
        assertThat(mayHoldPod("\"requestObject\":" + LEASE + ",")).as("a lease").isFalse();
        assertThat(mayHoldPod("\"requestObject\":" + LEASE + ",\"responseObject\":" + LEASE + ","))
                .as("a lease, both objects").isFalse();
        assertThat(mayHoldPod("\"requestObject\":null,\"responseObject\":null,")).as("null objects").isFalse();
        assertThat(mayHoldPod("\"requestObject\":{},")).as("empty").isFalse();
        assertThat(mayHoldPod("\"requestObject\":{\"spec\":null,\"spec\":{}},")).isFalse();
        assertThat(mayHoldPod("\"requestObject\":{\"kind\":\"ConfigMap\",\"data\":{\"containers\":\"x\","
                + "\"spec\":\"{\\\"containers\\\":[]}\"},\"metadata\":{\"annotations\":{\"template\":\"x\"}}},"))
                .as("pod names outside the spec").isFalse();
        assertThat(mayHoldPod("\"requestObject\":{\"status\":{\"containerStatuses\":[{\"name\":\"c\"}],"
                + "\"containers\":[]}},")).as("a pod's status patch").isFalse();
        assertThat(mayHoldPod("\"responseObject\":{\"kind\":\"Status\",\"status\":\"Success\","
                + "\"details\":{\"kind\":\"pods\"}},")).as("a delete's status").isFalse();
        assertThat(mayHoldPod("\"requestObject\":{\"spec\":{\"selector\":{\"template\":1},\"replicas\":3}},"))
                .as("a pod name below the spec's own names").isFalse();
        assertThat(mayHoldPod("\"requestObject\"  :\n{ \"spec\" :\t{ \"holderIdentity\" : \"n1\" } } ,"))
                .as("whitespace anywhere").isFalse();
    }

    @Test
    void everyPodAndEveryPodNameInASpecMayHoldAPod() {
        for (String name : RequestSummary.POD_SPEC_NAMES) {
            for (String object : List.of("requestObject", "responseObject")) {
                assertThat(mayHoldPod("\"" + object + "\":{\"kind\":\"X\",\"spec\":{\"a\":1,\"" + name + "\":null}},"))
                        .as("%s with spec.%s", object, name).isTrue();
            }
        }
        assertThat(mayHoldPod("\"requestObject\":" + POD + ",")).isTrue();
        assertThat(mayHoldPod("\"requestObject\":" + LEASE + ",\"responseObject\":" + POD + ",")).isTrue();
        assertThat(mayHoldPod("\"requestObject\":{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{}}}}},"))
                .as("a CronJob").isTrue();
        assertThat(mayHoldPod("\"requestObject\":{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}},"))
                .as("a Deployment").isTrue();
    }

    @Test
    void whatCouldHideAPodMayHoldOne() {
        List<String> hostile = List.of(
                "\"requestObject\":{\"spec\":{\"\\u0063ontainers\":[{\"name\":\"c\"}]}},", // an escaped pod name
                "\"requestObject\":{\"\\u0073pec\":{\"containers\":[]}},", // an escaped spec
                "\"requestObject\":{\"sp\\u0065c\":{\"hostPID\":true}},",
                "\"requestObject\":{\"spec\":{\"c\\/ontainers\":[]}},", // not a pod name, but escaped: not guessed
                "\"requestObject\":{\"spec\":{\"containers\":[]},\"spec\":{}},", // duplicates: any copy counts
                "\"requestObject\":{\"spec\":{},\"spec\":{\"containers\":[]}},",
                "\"requestObject\":{\"spec\":{\"x\":1,\"x\":2,\"volumes\":[]}},",
                "\"requestObject\":" + LEASE + ",\"requestObject\":" + POD + ",", // duplicate objects
                "\"requestObject\":" + POD + ",\"requestObject\":" + LEASE + ",",
                "\"responseObject\":" + POD + ",\"responseObject\":null,",
                "\"requestObject\":[{\"op\":\"add\",\"path\":\"/spec/containers/0\",\"value\":{}}],", // a JSON Patch
                "\"requestObject\":[],",
                "\"requestObject\":\"{\\\"spec\\\":{}}\",",
                "\"requestObject\":5,",
                "\"requestObject\":true,",
                "\"requestObject\":{\"spec\":[{\"containers\":[]}]},", // a spec of another type
                "\"requestObject\":{\"spec\":\"containers\"},",
                "\"requestObject\":{\"spec\":nullx},",
                "\"requestObject\":nullx,",
                "\"requestObject\":{\"spec\":{\"containers\" [] }},", // broken inside
                "\"requestObject\":{\"spec\":{\"a\":1,}},",
                "\"requestObject\":{\"a\":1 \"spec\":{}},",
                "\"requestObject\":{\"spec\":{\"a\":[1,2,{\"b\":[[[{\"containers\":1}]]]}],\"initContainers\":1}},",
                "\"requestObject\":{'spec':{'containers':[]}},");
        for (String members : hostile) {
            assertThat(mayHoldPod(members)).as(members).isNotEqualTo(Boolean.FALSE);
        }
        // a name in an overlong UTF-8 form: Jackson reads "spec", Java's decoder does not
        byte[] overlong = utf8(RequestSummaryCorpus.enveloped(String.format(EVENT,
                "\"requestObject\":{\"spXXc\":{\"containers\":[]}},")));
        int x = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("XX");
        overlong[x] = (byte) 0xC1;
        overlong[x + 1] = (byte) 0xA5;
        assertThat(mayHoldPod(overlong)).isNotEqualTo(Boolean.FALSE);
        // cut anywhere: no answer (or, before the objects, no pod read)
        byte[] whole = utf8(RequestSummaryCorpus.enveloped(String.format(EVENT, "\"requestObject\":" + POD + ",")));
        for (int length = 0; length < whole.length; length++) {
            assertThat(mayHoldPod(Arrays.copyOf(whole, length))).isNull();
        }
    }

    /**
     * The pod-bearing events of the fixtures and third-party data written in many hostile ways (escaped names,
     * decoy duplicates before the real members, any layout and order): never read as pod-free, and their summary
     * still answered where the names are plain.
     */
    @Test
    void podsWrittenAnyWayAreNeverReadAsPodFree() {
        List<ObjectNode> pods = new ArrayList<>();
        List<AuditTestData.Line> lines = new ArrayList<>(AuditTestData.lines("fixtures/rules", ".jsonl"));
        lines.addAll(AuditTestData.thirdPartyEvents());
        for (AuditTestData.Line line : lines) {
            byte[] value = utf8(line.text());
            if (line.text().strip().startsWith("{") && RequestSummaryCorpus.reference(value) != null
                    && objectsMayHoldPod(value)) {
                pods.add(RequestSummaryCorpus.tree(line.text()));
            }
        }
        assertThat(pods).hasSizeGreaterThan(30);
        Random random = new Random(0x90D5L);
        int answered = 0;
        int checked = 0;
        for (ObjectNode pod : pods) {
            for (int i = 0; i < 30; i++) {
                JsonVariantWriter.Style style = new JsonVariantWriter.Style(random.nextDouble() * 0.3,
                        random.nextDouble(), random.nextInt(2) * random.nextDouble() * 0.2, 0,
                        random.nextInt(2) * random.nextDouble() * 0.3, 0);
                byte[] value = utf8(RequestSummaryCorpus.enveloped(new JsonVariantWriter(random, style).write(pod)));
                if (!objectsMayHoldPod(value)) {
                    continue; // a decoy replaced the pod (or the variant does not decode)
                }
                checked++;
                Boolean may = mayHoldPod(value);
                assertThat(may).as(RequestSummaryCorpus.text(value)).isNotEqualTo(Boolean.FALSE);
                answered += may == null ? 0 : 1;
            }
        }
        assertThat(checked).isGreaterThan(500);
        assertThat(answered).as("answered of %s", checked).isGreaterThan(checked / 4);
    }
}
