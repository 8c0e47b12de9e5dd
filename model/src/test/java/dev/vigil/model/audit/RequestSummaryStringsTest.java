package dev.vigil.model.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSummaryStringsTest {

    private static final byte[] EVENT = """
            {"kind":"Event","level":"Metadata","stage":"ResponseComplete","verb":"get",\
            "user":{"username":"system:serviceaccount:kube-system:replicaset-controller","groups":["system:serviceaccounts"]},\
            "objectRef":{"resource":"pods","namespace":"shop","apiGroup":""},\
            "userAgent":"kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/39683505/system:serviceaccount:kube-system:replicaset-controller",\
            "responseStatus":{"code":200}}""".getBytes(StandardCharsets.US_ASCII);

    @Test
    void twoReadsOfTheSameEventShareEveryStringInstance() {
        RequestSummary first = RequestSummaryReader.read(EVENT);
        RequestSummary second = RequestSummaryReader.read(EVENT.clone());

        assertThat(second).isEqualTo(first);
        assertThat(second.verb()).isSameAs(first.verb());
        assertThat(second.resource()).isSameAs(first.resource());
        assertThat(second.namespace()).isSameAs(first.namespace());
        assertThat(second.username()).isSameAs(first.username());
        assertThat(second.groups().get(0)).isSameAs(first.groups().get(0));
        assertThat(second.userAgent()).isSameAs(first.userAgent());
    }

    @Test
    void textsSharingASlotStillReadAsThemselves() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3 * RequestSummaryStrings.SLOTS; i++) {
            // same length, same first, middle and last bytes apart from the counter: many share slots
            String text = "system:serviceaccount:ns-" + i + ":sa";
            byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
            String read = RequestSummaryStrings.of(bytes, 2, bytes.length - 2);
            assertThat(read).isEqualTo(text);
            seen.add(read);
        }
        assertThat(seen).hasSize(3 * RequestSummaryStrings.SLOTS);
    }

    @Test
    void longTextsAreReadButNotKept() {
        byte[] bytes = "a".repeat(RequestSummaryStrings.MAX_LENGTH + 1).getBytes(StandardCharsets.US_ASCII);

        String first = RequestSummaryStrings.of(bytes, 0, bytes.length);
        String second = RequestSummaryStrings.of(bytes, 0, bytes.length);

        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void emptyAndShortTextsAreRead() {
        byte[] bytes = "\"\"get".getBytes(StandardCharsets.US_ASCII);

        assertThat(RequestSummaryStrings.of(bytes, 1, 1)).isEmpty();
        assertThat(RequestSummaryStrings.of(bytes, 2, 5)).isEqualTo("get");
        assertThat(RequestSummaryStrings.of(bytes, 2, 5)).isSameAs(RequestSummaryStrings.of(bytes.clone(), 2, 5));
    }

    @Test
    void textsDifferingOnlyInTheMiddleAreEachKept() {
        List<String> names = List.of("system:serviceaccount:kube-system:replicaset-controller",
                "system:serviceaccount:kube-system:deployment-controller",
                "system:serviceaccount:kube-system:daemon-set-controller");
        List<String> first = names.stream().map(RequestSummaryStringsTest::read).toList();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < names.size(); i++) {
                assertThat(read(names.get(i))).isEqualTo(names.get(i)).isSameAs(first.get(i));
            }
        }
    }

    private static String read(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return RequestSummaryStrings.of(bytes, 0, bytes.length);
    }
}
