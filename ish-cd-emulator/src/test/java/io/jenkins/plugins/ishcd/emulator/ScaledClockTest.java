package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    @Test
    void runsFactorTimesFasterFromItsOrigin() {
        ManualClock real = new ManualClock();
        ScaledClock fast = new ScaledClock(real, 10);

        assertThat(fast.origin()).isEqualTo(ManualClock.SEED_EPOCH);
        assertThat(fast.instant()).isEqualTo(ManualClock.SEED_EPOCH);
        real.advance(Duration.ofMillis(1500));

        assertThat(fast.instant()).isEqualTo(ManualClock.SEED_EPOCH.plusSeconds(15));
        assertThat(fast.origin()).isEqualTo(ManualClock.SEED_EPOCH);
        assertThat(fast.factor()).isEqualTo(10);
    }

    @Test
    void aRunLivesByIt() {
        ManualClock real = new ManualClock();
        try (IshCdEmulator ish = IshCdEmulator.builder().clock(new ScaledClock(real, 10))
                .project("bench", p -> p.job("ten-minutes", j -> j.queuedFor(Duration.ofSeconds(10))
                        .runningFor(Duration.ofSeconds(590)))).start()) {
            String id = TestHttp.json(new TestHttp(ish).post("/projects/bench/jobs/ten-minutes/runs", ish.issueToken("t"), null))
                    .get("id").asText();
            real.advanceSeconds(31);

            assertThat(ish.runState(id).orElseThrow().status()).isEqualTo("running");
            assertThat(ish.runState(id).orElseThrow().duration()).isEqualTo(300);
            real.advanceSeconds(29);
            assertThat(ish.runState(id).orElseThrow().status()).isEqualTo("complete");
            assertThat(ish.run(id).orElseThrow().finishes()).isEqualTo(ManualClock.SEED_EPOCH.plusSeconds(600));
        }
    }

    @Test
    void aZonedViewKeepsFactorAndOrigin() {
        ManualClock real = new ManualClock(Instant.EPOCH);
        Clock paris = new ScaledClock(real, 3).withZone(ZoneId.of("Europe/Paris"));

        real.advanceSeconds(2);

        assertThat(paris.instant()).isEqualTo(Instant.ofEpochSecond(6));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void aFactorOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new ScaledClock(Clock.systemUTC(), 0)).hasMessage(
                "A time scale is a whole number from 1 to 1000, not 0");
        assertThatThrownBy(() -> new ScaledClock(Clock.systemUTC(), 1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
