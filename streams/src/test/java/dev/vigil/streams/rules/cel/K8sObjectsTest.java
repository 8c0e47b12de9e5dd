package dev.vigil.streams.rules.cel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class K8sObjectsTest {

    @Test
    void aRefusedRequestOnlyTriedWhatItAskedFor() {
        assertThat(K8sObjects.verbPast("get", 200L)).isEqualTo("read");
        assertThat(K8sObjects.verbPast("create", 201L)).isEqualTo("created");
        assertThat(K8sObjects.verbPast("get", 403L)).isEqualTo("tried to read");
        assertThat(K8sObjects.verbPast("create", 401L)).isEqualTo("tried to create");
        assertThat(K8sObjects.verbPast("deletecollection", 500L)).isEqualTo("tried to delete all of");
        assertThat(K8sObjects.verbPast("get", -1L)).as("no response status").isEqualTo("read");
        assertThat(K8sObjects.verbPast("", 403L)).isEqualTo("tried a request");
    }
}
