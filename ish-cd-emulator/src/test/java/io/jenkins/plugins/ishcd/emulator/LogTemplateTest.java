package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTemplateTest {

    @Test
    void variablesAreFilledFromTheEnv() {
        assertThat(LogTemplate.expand("deploying ${BRANCH} to ${TARGET}\n", Map.of("BRANCH", "main", "TARGET", "prod")))
                .isEqualTo("deploying main to prod\n");
    }

    @Test
    void unsetVariablesBecomeEmptyAsInAShell() {
        assertThat(LogTemplate.expand("[${MISSING}]", Map.of())).isEqualTo("[]");
    }

    @Test
    void valuesAreInsertedLiterally() {
        assertThat(LogTemplate.expand("${A}", Map.of("A", "$1 \\ ${B}", "B", "no"))).isEqualTo("$1 \\ ${B}");
    }

    @Test
    void textThatIsNotAVariableIsKept() {
        assertThat(LogTemplate.expand("$HOME ${} ${1X} cost: $5", Map.of("HOME", "h"))).isEqualTo("$HOME ${} ${1X} cost: $5");
        assertThat(LogTemplate.expand(null, Map.of())).isNull();
    }
}
