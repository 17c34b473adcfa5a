package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Path encoding, durations in words, log capping, wait option validation. */
class SmallPartsTest {
    @Test
    void pathSegmentsArePercentEncodedAndCannotClimb() {
        assertThat(PathSegment.encode("my-corp_1.x~")).isEqualTo("my-corp_1.x~");
        assertThat(PathSegment.encode("a/b c?d#é")).isEqualTo("a%2Fb%20c%3Fd%23%C3%A9");
        assertThat(PathSegment.encode("..")).isEqualTo("%2E%2E");
        assertThat(PathSegment.encode(".")).isEqualTo("%2E");
    }

    @Test
    void durationsReadAsWords() {
        assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Durations.format(Duration.ofSeconds(26))).isEqualTo("26 s");
        assertThat(Durations.format(Duration.ofSeconds(243))).isEqualTo("4 min 3 s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Durations.format(Duration.ofMinutes(62))).isEqualTo("1 h 2 min");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.format(Duration.ofHours(53))).isEqualTo("2 d 5 h");
        // Never cut to a round figure that hides time: 60.5 s was shown as "1 min".
        assertThat(Durations.format(Duration.ofMillis(60_500))).isEqualTo("1 min 1 s");
        assertThat(Durations.format(Duration.ofMillis(4_500))).isEqualTo("4.5 s");
        assertThat(Durations.format(Duration.ofMillis(59_960))).isEqualTo("1 min");
        assertThat(Durations.format(Duration.ofSeconds(7170))).isEqualTo("2 h");
    }

    @Test
    void logCapKeepsTheEndAndSaysWhatWasLeftOut() {
        LogCap cap = LogCap.of("0123456789", 4);
        assertThat(cap.text()).isEqualTo("6789");
        assertThat(cap.truncated()).isTrue();
        assertThat(cap.omittedChars()).isEqualTo(6);
        assertThat(cap.notice("kept with the build")).isEqualTo(
                "[The first 6 characters of the log are not shown here; the whole log is kept with the build.]");
        LogCap whole = LogCap.of("short", 100);
        assertThat(whole.truncated()).isFalse();
        assertThat(whole.notice("x")).isEmpty();
    }

    @Test
    void logCapNeverSplitsASurrogatePair() {
        String log = "a\uD83D\uDE00b"; // a 😀 b
        assertThat(LogCap.of(log, 2).text()).isEqualTo("b");
        assertThat(LogCap.of(log, 3).text()).isEqualTo("\uD83D\uDE00b");
    }

    @Test
    void waitOptionsRefuseNonsense() {
        assertThatThrownBy(() -> WaitOptions.builder().initialInterval(Duration.ZERO))
                .hasMessageContaining("initial polling interval must be a positive duration");
        assertThatThrownBy(() -> WaitOptions.builder().initialInterval(Duration.ofMinutes(2)).build())
                .hasMessage("The initial polling interval (2 min) is longer than the maximum (30 s): make the maximum"
                        + " at least as long.");
        assertThatThrownBy(() -> WaitOptions.builder().jitter(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> WaitOptions.builder().multiplier(0.5)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> WaitOptions.builder().timeout(Duration.ofDays(200_000)))
                .hasMessage("The timeout (200000 d) is longer than 365 d: give at most 365 d.");
        assertThatThrownBy(() -> WaitOptions.builder().initialInterval(Duration.ofDays(2)))
                .hasMessageContaining("longer than 1 h");
        WaitOptions o = WaitOptions.defaults().toBuilder().timeout(Duration.ofMinutes(10)).build();
        assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.maxInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void callersIntervalsStayWithinTheAdministratorsLimits() {
        Duration s2 = Duration.ofSeconds(2);
        Duration s30 = Duration.ofSeconds(30);
        WaitOptions none = WaitOptions.builder().intervalsWithin(null, null, s2, s30).build();
        assertThat(List.of(none.initialInterval(), none.maxInterval())).containsExactly(s2, s30);

        WaitOptions tooEager = WaitOptions.builder().intervalsWithin(Duration.ofMillis(100), Duration.ofSeconds(1), s2, s30).build();
        assertThat(List.of(tooEager.initialInterval(), tooEager.maxInterval())).containsExactly(s2, s2);

        WaitOptions tooLazy = WaitOptions.builder().intervalsWithin(Duration.ofMinutes(5), Duration.ofMinutes(10), s2, s30).build();
        assertThat(List.of(tooLazy.initialInterval(), tooLazy.maxInterval())).containsExactly(s30, s30);

        WaitOptions within = WaitOptions.builder().intervalsWithin(Duration.ofSeconds(5), Duration.ofSeconds(20), s2, s30).build();
        assertThat(List.of(within.initialInterval(), within.maxInterval()))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(20));

        WaitOptions oddLimits = WaitOptions.builder().intervalsWithin(null, null, s30, s2).build();
        assertThat(List.of(oddLimits.initialInterval(), oddLimits.maxInterval())).containsExactly(s30, s30);
    }

    @Test
    void reportSentencesNameTheRunAndNeverValues() {
        JobRef job = JobRef.of("my-corp", "deploy");
        Run queued = new Run("r-1", "queued", 0, null, null, null);
        Run failed = new Run("r-1", "error", 263, null, null, "boom");
        assertThat(RunReport.queued(job, queued)).isEqualTo("Triggered Ish CD job my-corp/deploy: run r-1 is queued.");
        assertThat(RunReport.summary(job, failed)).isEqualTo("Ish CD run r-1 of my-corp/deploy ended in error after 4 min 23 s.");
        assertThat(RunReport.statusChanged(job, new Run("r-1", "paused", 0, null, null, null)))
                .contains("status 'paused'", "still waiting");
        assertThat(RunReport.stillRunning(job, "r-1")).contains("r-1", "goes on");
        assertThat(RunReport.statusChanged(job, failed)).isEqualTo("Ish CD run r-1 has ended.");
        assertThat(RunReport.summary(job, new Run("r-1", "complete", 5, null, null, null)))
                .isEqualTo("Ish CD run r-1 of my-corp/deploy completed in 5 s.");
        assertThat(RunReport.statusChanged(job, queued)).isEqualTo("Ish CD run r-1 is queued.");
        assertThat(RunReport.endedInError(job, failed)).startsWith("Ish CD run r-1 of my-corp/deploy ended in error: see its log");
        assertThat(RunReport.triggerInterrupted(job)).contains("my-corp/deploy", "check the job's runs in Ish CD");
        assertThat(RunReport.withRunId(new IllegalStateException("Boom."), "r-1")).isEqualTo("Boom. (Ish CD run r-1)");
        assertThat(RunReport.withRunId(new IllegalStateException("Run r-1 failed."), "r-1")).isEqualTo("Run r-1 failed.");
        assertThat(RunReport.withRunId(new IllegalStateException("Boom."), null)).isEqualTo("Boom.");
        assertThat(RunReport.label(job, List.of("BRANCH", "TOKEN"))).isEqualTo("my-corp/deploy (env: BRANCH, TOKEN)");
        assertThat(RunReport.label(job, List.of())).isEqualTo("my-corp/deploy");
    }
    @Test
    void lifeSentencesSayWhatGoesOnAndWhetherARunMayExist() {
        JobRef job = JobRef.of("my-corp", "deploy");
        IllegalStateException defect = new IllegalStateException("oops");
        assertThat(RunReport.unexpected(job, "r-1", true, defect)).isEqualTo("Stopped waiting for Ish CD run r-1 of"
                + " my-corp/deploy after an unexpected IllegalStateException (oops); the run goes on in Ish CD (details"
                + " in the system log).");
        assertThat(RunReport.unexpected(job, null, true, defect)).contains("a run may have been created");
        assertThat(RunReport.unexpected(job, null, false, new NullPointerException()))
                .isEqualTo("Triggering Ish CD job my-corp/deploy ended with an unexpected NullPointerException: no run"
                        + " was created (details in the system log).");
        assertThat(RunReport.stillWaiting(job, "r-1", "queued", java.time.Duration.ofSeconds(-3)))
                .isEqualTo("Ish CD run r-1 of my-corp/deploy is still queued, 0 s after it was triggered.");
        assertThat(RunReport.withRunId("Boom.", "r-1")).isEqualTo("Boom. (Ish CD run r-1)");
    }
}
