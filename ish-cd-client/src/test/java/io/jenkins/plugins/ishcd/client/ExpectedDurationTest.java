package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpectedDurationTest {
    private final JobRef deploy = JobRef.of("my-corp", "deploy");

    @Test
    void medianOfAnOddCountIsTheMiddleOneAndOfAnEvenCountTheMeanOfTheTwo() {
        assertThat(ExpectedDuration.ofRuns(70, 10, 65).typicalSeconds()).isEqualTo(65);
        assertThat(ExpectedDuration.ofRuns(60, 70).typicalSeconds()).isEqualTo(65);
        assertThat(ExpectedDuration.ofRuns(60, 71).typicalSeconds()).isEqualTo(66); // 65.5 rounded up
        assertThat(ExpectedDuration.ofRuns(42).typical()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void quantilesByNearestRank() {
        ExpectedDuration e = ExpectedDuration.ofRuns(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(e.quantileSeconds(0)).isEqualTo(10);
        assertThat(e.quantileSeconds(0.1)).isEqualTo(10);
        assertThat(e.quantileSeconds(0.5)).isEqualTo(50);
        assertThat(e.quantileSeconds(0.9)).isEqualTo(90);
        assertThat(e.quantileSeconds(1)).isEqualTo(100);
    }

    @Test
    void deviationIsNotMovedByAFewOutliers() {
        ExpectedDuration steady = ExpectedDuration.ofRuns(98, 99, 100, 100, 101, 102, 100, 99, 101, 100);
        ExpectedDuration withOutliers = ExpectedDuration.ofRuns(98, 99, 100, 100, 101, 102, 100, 5, 101, 900);
        assertThat(steady.deviationSeconds()).isEqualTo(1.4826 * 1);
        assertThat(withOutliers.deviationSeconds()).isEqualTo(steady.deviationSeconds());
        assertThat(ExpectedDuration.given(Duration.ofMinutes(5)).deviationSeconds()).isZero();
    }

    @Test
    void describesWhatTheWaitExpectsInPlainWords() {
        assertThat(ExpectedDuration.ofRuns(68, 70, 71, 72, 70).describe(deploy))
                .isEqualTo("Ish CD job my-corp/deploy usually takes about 1 min 10 s (last 5 runs).");
        assertThat(ExpectedDuration.ofRuns(613).describe(deploy))
                .isEqualTo("Ish CD job my-corp/deploy usually takes about 10 min 10 s (last run).");
        assertThat(ExpectedDuration.given(Duration.ofMinutes(10)).describe(deploy))
                .isEqualTo("Ish CD job my-corp/deploy is expected to take about 10 min.");
    }

    @Test
    void aboutRoundsMoreCoarselyForLongerRuns() {
        assertThat(ExpectedDuration.rounded(0)).isZero();
        assertThat(ExpectedDuration.rounded(119)).isEqualTo(119);
        assertThat(ExpectedDuration.rounded(122)).isEqualTo(120);
        assertThat(ExpectedDuration.rounded(123)).isEqualTo(125);
        assertThat(ExpectedDuration.rounded(3594)).isEqualTo(3590);
        assertThat(ExpectedDuration.rounded(3629)).isEqualTo(3600);
        assertThat(ExpectedDuration.rounded(3631)).isEqualTo(3660);
    }

    @Test
    void aGivenDurationIsMarkedAsSuchAndCountsNoRuns() {
        ExpectedDuration e = ExpectedDuration.given(Duration.ofMillis(1500));
        assertThat(e.isGiven()).isTrue();
        assertThat(e.runs()).isZero();
        assertThat(e.typicalSeconds()).isEqualTo(1);
        assertThat(ExpectedDuration.given(Duration.ofMillis(300)).typicalSeconds()).isEqualTo(1);
        assertThat(ExpectedDuration.ofRuns(5, 6).isGiven()).isFalse();
        assertThat(ExpectedDuration.ofRuns(5, 6).runs()).isEqualTo(2);
    }

    @Test
    void refusesDurationsOutOfRangeWithOneSentence() {
        assertThatThrownBy(() -> ExpectedDuration.given(Duration.ZERO))
                .hasMessage("The expected duration of a run must be from 1 s to 366 d, not 0 s.");
        assertThatThrownBy(() -> ExpectedDuration.given(Duration.ofDays(400)))
                .hasMessage("The expected duration of a run must be from 1 s to 366 d, not 400 d.");
        assertThatThrownBy(() -> ExpectedDuration.given(Duration.ofSeconds(-5)))
                .hasMessageStartingWith("The expected duration of a run must be from 1 s to 366 d");
        assertThatThrownBy(ExpectedDuration::ofRuns).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExpectedDuration.ofRuns(5, -1)).hasMessageContaining("not -1");
        assertThatThrownBy(() -> ExpectedDuration.ofRuns(ExpectedDuration.MAX_SECONDS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofRunsKeepsItsOwnCopy() {
        long[] durations = {60, 61, 62};
        ExpectedDuration e = ExpectedDuration.ofRuns(durations);
        durations[1] = 1000;
        assertThat(e.typicalSeconds()).isEqualTo(61);
    }
}
