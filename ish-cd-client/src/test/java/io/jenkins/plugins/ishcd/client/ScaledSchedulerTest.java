package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.ScaledClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark's fast time: the engine unchanged, its clock and timers as fast as the emulator's. */
class ScaledSchedulerTest {

    @Test
    void aThirtySecondRunIsWaitedOnWithTheBackoffsPollsInAFractionOfTheTime() throws Exception {
        RequestScheduler scheduler = ScaledScheduler.newScheduler("scaled-test", 20);
        try (IshCdEmulator ish = IshCdEmulator.builder().clock(new ScaledClock(Clock.systemUTC(), 20))
                .project("bench", p -> p.job("half-minute", j -> j.queuedFor(Duration.ZERO).runningFor(Duration.ofSeconds(30))))
                .start()) {
            IshCdClient client = IshCdClient.builder().baseUrl(ish.baseUrl()).token(ish.issueToken("t")).scheduler(scheduler)
                    .build();
            long t0 = System.nanoTime();

            Run run = client.runAsync(RunRequest.of(JobRef.of("bench", "half-minute"), Map.of()), WaitOptions.defaults(),
                    RunListener.NONE).get(20, TimeUnit.SECONDS);

            assertThat(run.durationSeconds()).isEqualTo(30);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("30 s on a clock 20 times faster")
                    .isLessThan(Duration.ofSeconds(15));
            // The back-off of 2, 4, 8, 16 s ... reaches 30 s in 4 or 5 polls; without the fast timers the wait takes 30 s.
            assertThat(ish.journal().count("GET", "/v1/projects/bench/jobs/half-minute/runs/")).isBetween(2, 8);
        } finally {
            scheduler.shutdown();
        }
    }

    @Test
    void aScaleBelowOneIsRefused() {
        assertThatThrownBy(() -> ScaledScheduler.newScheduler("x", 0)).hasMessage("A time scale is at least 1, not 0");
    }
}
