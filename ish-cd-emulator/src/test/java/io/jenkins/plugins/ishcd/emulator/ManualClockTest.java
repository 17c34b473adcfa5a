package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void standsStillUntilAdvanced() {
        ManualClock clock = new ManualClock();
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochSecond(1498714037L));

        assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(Instant.ofEpochSecond(1498714038L, 500_000_000));
        clock.advanceSeconds(10);

        assertThat(clock.millis()).isEqualTo(1498714048_500L);
    }

    @Test
    void refusesToGoBack() {
        assertThatThrownBy(() -> new ManualClock().advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zonedViewMovesWithTheOriginal() {
        ManualClock clock = new ManualClock(Instant.EPOCH);
        java.time.Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advanceSeconds(60);

        assertThat(paris.instant()).isEqualTo(Instant.ofEpochSecond(60));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
