package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {
    @Test
    void readsWhatTheClientReads() {
        assertThat(new DurationConverter().convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void failsAsPicocliExpects() {
        assertThatThrownBy(() -> new DurationConverter().convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("not a duration");
    }
}
