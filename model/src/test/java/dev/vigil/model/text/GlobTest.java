package dev.vigil.model.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    @Test
    void starMatchesAnyRunAndTheRestIsLiteral() {
        assertThat(Glob.compile("system:serviceaccount:kube-system:*").matcher("system:serviceaccount:kube-system:x").matches()).isTrue();
        assertThat(Glob.compile("a.b").matcher("axb").matches()).isFalse();
        assertThat(Glob.compile("*-admin").matcher("cluster-admin").matches()).isTrue();
        assertThat(Glob.compile("admin").matcher("cluster-admin").matches()).isFalse();
    }

    @Test
    void anyOfMatchesNoValueWithoutPatternsAndNeverNull() {
        assertThat(Glob.anyOf(List.of()).test("x")).isFalse();
        assertThat(Glob.anyOf(List.of("*")).test(null)).isFalse();
        assertThat(Glob.anyOf(List.of("a*", "b")).test("b")).isTrue();
    }
}
