package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsParseTest {
    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "5m, PT5M", "1h, PT1H", "1h30m, PT1H30M", "1m30s, PT1M30S", "500ms, PT0.5S",
        "1s500ms, PT1.5S", "2d, PT48H", "PT5M, PT5M", "pt5m, PT5M", "' 10S ', PT10S"})
    void readsShortFormsAndIso(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "5x", "m", "5 m", "1m1h", "PT", "P1Y", "-5s", "5s5s"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration").hasMessageContaining("90s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "PT0S", "PT-5S"})
    void refusesZeroAndNegative(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("not a positive duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"90", "5"})
    void saysABareNumberNeedsAUnit(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("a number needs a unit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9999999999999999d"})
    void refusesOverflow(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("too long");
    }
}
