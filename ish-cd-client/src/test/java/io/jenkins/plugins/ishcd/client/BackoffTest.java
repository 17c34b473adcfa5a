package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final WaitOptions options = WaitOptions.builder()
            .initialInterval(Duration.ofSeconds(2)).maxInterval(Duration.ofSeconds(30)).jitter(0.2).build();

    @Test
    void growsExponentiallyUpToTheMaximum() {
        Backoff middle = new Backoff(options, () -> 0.5); // no variation
        assertThat(middle.delay(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(middle.delay(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(middle.delay(3)).isEqualTo(Duration.ofSeconds(16));
        assertThat(middle.delay(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(middle.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterVariesBothWaysButNeverAboveTheMaximum() {
        assertThat(new Backoff(options, () -> 0.0).delay(0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(new Backoff(options, () -> 1.0).delay(0)).isEqualTo(Duration.ofMillis(2400));
        assertThat(new Backoff(options, () -> 1.0).delay(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(new Backoff(options, () -> 0.0).delay(10)).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void aTenMinuteRunCostsFarFewerPollsThanAFixedFiveSecondPoll() {
        Backoff b = new Backoff(WaitOptions.defaults(), () -> 0.5);
        long elapsed = 0;
        int polls = 0;
        while (elapsed < 600_000) {
            elapsed += b.delay(polls++).toMillis();
        }
        assertThat(polls).isLessThan(30); // a fixed 5 s poll makes 120
    }
}
