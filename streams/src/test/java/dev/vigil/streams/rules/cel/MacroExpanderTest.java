package dev.vigil.streams.rules.cel;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MacroExpanderTest {

    private final MacroExpander expander = new MacroExpander(Map.of(
            "is_write", "verb != 'get'",
            "admin_write", "is_write && user.username == 'admin'",
            "loop_a", "loop_b",
            "loop_b", "loop_a"));

    @Test
    void expandsNamesRecursivelyInParentheses() {
        assertThat(expander.expand("admin_write || is_write"))
                .isEqualTo("((verb != 'get') && user.username == 'admin') || (verb != 'get')");
    }

    @Test
    void leavesFieldsFunctionsAndStringsAlone() {
        assertThat(expander.expand("obj.is_write && is_write(x) && 'is_write' == \"is_write\" && r'is_write' != ''"))
                .isEqualTo("obj.is_write && is_write(x) && 'is_write' == \"is_write\" && r'is_write' != ''");
        assertThat(expander.expand("'a\\'is_write' + is_write")).isEqualTo("'a\\'is_write' + (verb != 'get')");
    }

    @Test
    void reportsCyclesAndReferences() {
        assertThatThrownBy(() -> expander.expand("loop_a")).hasMessage("macro cycle: loop_a -> loop_b -> loop_a");
        assertThat(expander.references("loop_a && is_write && obj.loop_b")).containsExactly("loop_a", "is_write");
    }
}
