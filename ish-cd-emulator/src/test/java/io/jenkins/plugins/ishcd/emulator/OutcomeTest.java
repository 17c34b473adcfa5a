package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void outcomesAreTheApisFinalStatuses() {
        assertThat(Outcome.COMPLETE.status()).isEqualTo("complete");
        assertThat(Outcome.ERROR.status()).isEqualTo("error");
        assertThat(Outcome.of("Error")).isEqualTo(Outcome.ERROR);
        assertThatThrownBy(() -> Outcome.of("running")).hasMessageContaining("'complete' or 'error'");
    }
}
