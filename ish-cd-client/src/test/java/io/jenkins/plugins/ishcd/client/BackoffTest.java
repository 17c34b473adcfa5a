package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final WaitOptions options = WaitOptions.builder()
            .initialInterval(Duration.ofSeconds(2)).maxInterval(Duration.ofSeconds(30)).jitter(0.2).build();

    @Test
    void growsExponentiallyUpToTheMaximum() {
        assertThat(Backoff.delay(options, 0, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(options, 1, () -> 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.delay(options, 3, () -> 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Backoff.delay(options, 4, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.delay(options, 1000, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterVariesBothWaysButNeverAboveTheMaximum() {
        assertThat(Backoff.delay(options, 0, () -> 0.0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(Backoff.delay(options, 0, () -> 1.0)).isEqualTo(Duration.ofMillis(2400));
        assertThat(Backoff.delay(options, 10, () -> 1.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.delay(options, 10, () -> 0.0)).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void aTenMinuteRunCostsFarFewerPollsThanAFixedFiveSecondPoll() {
        long elapsed = 0;
        int polls = 0;
        while (elapsed < 600_000) {
            elapsed += Backoff.delay(WaitOptions.defaults(), polls++, () -> 0.5).toMillis(); // no variation
        }
        assertThat(polls).isLessThan(30); // a fixed 5 s poll makes 120
    }
}
