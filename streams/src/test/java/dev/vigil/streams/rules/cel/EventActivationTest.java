package dev.vigil.streams.rules.cel;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What rules see of an event: defaults for absent fields, the admitted object, patches as sparse objects. */
class EventActivationTest {

    @Test
    void absentFieldsReadAsEmptyValues() {
        EventActivation event = activation("{\"kind\":\"Event\",\"stage\":\"ResponseComplete\"}");
        assertThat(event.value("verb")).isEqualTo("");
        assertThat(event.value("responseCode")).isEqualTo(-1L);
        assertThat(map(event.value("objectRef"))).containsEntry("resource", "").containsEntry("name", "");
        assertThat(map(event.value("user"))).containsEntry("username", "").containsEntry("groups", List.of());
        assertThat(event.value("obj")).isEqualTo(Map.of());
        assertThat(event.value("partial")).isEqualTo(false);
        assertThat(event.value("cluster")).isEqualTo("prod-1");
        assertThat(event.find("no_such_variable")).isEmpty();
    }

    @Test
    void theAdmittedObjectIsTheResponseWhenRecorded() {
        EventActivation event = activation("""
                {"kind":"Event","verb":"patch","requestObject":{"spec":{"replicas":3}},
                 "responseObject":{"kind":"Deployment","spec":{"replicas":3,"paused":false}}}""");
        assertThat(map(event.value("obj"))).containsEntry("kind", "Deployment");
        assertThat(event.isPartial()).isFalse();
    }

    @Test
    void aDeleteResponseStatusIsNotTheObject() {
        EventActivation event = activation("""
                {"kind":"Event","verb":"delete","requestObject":{"kind":"DeleteOptions","propagationPolicy":"Background"},
                 "responseObject":{"kind":"Status","status":"Success"}}""");
        assertThat(map(event.value("obj"))).containsEntry("kind", "DeleteOptions");
    }

    @Test
    void aJsonPatchBecomesTheObjectItSets() {
        EventActivation event = activation("""
                {"kind":"Event","verb":"patch","requestObject":[
                  {"op":"add","path":"/spec/template/spec/containers/1/securityContext","value":{"privileged":true}},
                  {"op":"replace","path":"/metadata/annotations/a~1b","value":"x"},
                  {"op":"remove","path":"/spec/template/spec/hostNetwork"}]}""");
        assertThat(event.isPartial()).isTrue();
        assertThat(event.admittedJson().toString()).isEqualTo("{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                + "[{},{\"securityContext\":{\"privileged\":true}}]}}},\"metadata\":{\"annotations\":{\"a/b\":\"x\"}}}");
    }

    @Test
    void numbersAndNullsBecomeCelValues() {
        EventActivation event = activation("""
                {"kind":"Event","verb":"create","requestObject":{"a":1,"b":1.5,"c":null,"d":[true]}}""");
        Map<String, Object> obj = map(event.value("obj"));
        assertThat(obj.get("a")).isEqualTo(1L);
        assertThat(obj.get("b")).isEqualTo(1.5d);
        assertThat(obj.get("c")).isEqualTo(dev.cel.common.values.NullValue.NULL_VALUE);
        assertThat(obj.get("d")).isEqualTo(List.of(true));
        assertThat(CelValues.toJson(obj).toString()).isEqualTo("{\"a\":1,\"b\":1.5,\"c\":null,\"d\":[true]}");
    }

    private static EventActivation activation(String json) {
        String enveloped = json.strip().substring(0, json.strip().length() - 1) + ",\"cluster\":\"prod-1\"}";
        AuditRecord record = AuditRecordCodec.decode(enveloped.getBytes(StandardCharsets.UTF_8)).value();
        return new EventActivation(record, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
