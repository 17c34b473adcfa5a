package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class PollTimingTest {
    private static final DoubleSupplier MIDDLE = () -> 0.5; // no jitter either way
    private final WaitOptions options = WaitOptions.defaults(); // 2 s doubling to 30 s, jitter 0.2
    /** Twenty runs of a ten-minute job, within ±2 %. */
    private final ExpectedDuration tenMinutes = ExpectedDuration.ofRuns(590, 594, 596, 597, 598, 599, 599, 600, 600,
            600, 600, 601, 601, 602, 603, 604, 605, 606, 608, 610);

    private static Run running(long seconds) {
        return new Run("r1", "running", seconds, null, null, null);
    }

    private Duration delay(ExpectedDuration e, Run run, int step) {
        return PollTiming.delay(options, e, run, Duration.ofSeconds(run.durationSeconds()), step, MIDDLE);
    }

    @Test
    void withoutHistoryTheDelaysAreExactlyTheBackoff() {
        Random a = new Random(7);
        Random b = new Random(7);
        for (int step = 0; step < 12; step++) {
            for (Run run : new Run[] {running(step * 40L), new Run("r1", "queued", 0, null, null, null)}) {
                assertThat(PollTiming.delay(options, null, run, Duration.ofSeconds(step), step, a::nextDouble))
                        .isEqualTo(Backoff.delay(options, step, b::nextDouble));
            }
        }
    }

    @Test
    void aQueuedOrUnknownRunIsPolledWithTheBackoffEvenWithHistory() {
        assertThat(delay(tenMinutes, new Run("r1", "queued", 0, null, null, null), 1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(delay(tenMinutes, new Run("r1", "paused", 300, null, null, null), 0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void farFromItsLikelyEndARunIsPolledAtTheLongestIntervalFromTheStart() {
        // The back-off would look again after 2 s, 4 s, 8 s, 16 s: with history, straight to 30 s.
        assertThat(delay(tenMinutes, running(0), 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delay(tenMinutes, running(200), 1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theLastSparsePollLandsOnTheBandAndThePollsThereAreDenseAroundTheMedian() {
        PollTiming.Band band = PollTiming.Band.of(tenMinutes);
        assertThat(band.start).isBetween(510.0, 540.0); // just beyond -10 %
        assertThat(band.denseFrom).isBetween(band.start, 595.0);
        assertThat(band.denseUntil).isBetween(605.0, band.end);
        long landing = (long) band.start - 20;
        assertThat(delay(tenMinutes, running(landing), 3).toMillis() / 1000.0).isCloseTo(band.start - landing,
                org.assertj.core.data.Offset.offset(0.001));
        assertThat(delay(tenMinutes, running((long) band.start + 1), 3)).isEqualTo(PollTiming.NEAR);
        assertThat(delay(tenMinutes, running(600), 3)).isEqualTo(PollTiming.DENSE);
        assertThat(delay(tenMinutes, running((long) band.denseUntil + 1), 3)).isEqualTo(PollTiming.NEAR);
    }

    @Test
    void onceTheRunOutlivesEveryEarlierOneItIsTheBackoffAgain() {
        PollTiming.Band band = PollTiming.Band.of(tenMinutes);
        long beyond = (long) band.end + 1;
        assertThat(beyond).isLessThan(700);
        for (int step = 0; step < 8; step++) {
            assertThat(delay(tenMinutes, running(beyond), step)).isEqualTo(Backoff.delay(options, step, MIDDLE));
        }
    }

    @Test
    void aWaitThatStartsLateTakesThePositionFromTheRunsOwnDuration() {
        // Resumed after a restart: nothing seen yet (step 0, 0 s since), but the run says 598 s.
        assertThat(PollTiming.delay(options, tenMinutes, running(598), Duration.ZERO, 0, MIDDLE))
                .isEqualTo(PollTiming.DENSE);
        // A server that reports no duration while running: the time since the run was seen to start counts.
        assertThat(PollTiming.delay(options, tenMinutes, running(0), Duration.ofSeconds(600), 20, MIDDLE))
                .isEqualTo(PollTiming.DENSE);
    }

    @Test
    void aGivenDurationTimesThePollsLikeAHistory() {
        ExpectedDuration given = ExpectedDuration.given(Duration.ofMinutes(10));
        assertThat(delay(given, running(0), 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delay(given, running(600), 5)).isEqualTo(PollTiming.DENSE);
    }

    @Test
    void runsTooScatteredToTimeGetTheBackoff() {
        ExpectedDuration scattered = ExpectedDuration.ofRuns(100, 300, 600, 900, 1500);
        assertThat(PollTiming.Band.of(scattered)).isNull();
        assertThat(delay(scattered, running(0), 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(PollTiming.Band.of(ExpectedDuration.ofRuns(0, 0, 0, 0, 0))).isNull();
    }

    @Test
    void theDelaysStayWithinTheOptionsIntervals() {
        WaitOptions slow = WaitOptions.builder().initialInterval(Duration.ofSeconds(10))
                .maxInterval(Duration.ofSeconds(60)).build();
        assertThat(PollTiming.delay(slow, tenMinutes, running(600), Duration.ZERO, 9, MIDDLE))
                .isEqualTo(Duration.ofSeconds(10)); // the administrator's floor, not the 5 s dense interval
        WaitOptions quick = WaitOptions.builder().initialInterval(Duration.ofSeconds(1))
                .maxInterval(Duration.ofSeconds(4)).build();
        assertThat(PollTiming.delay(quick, tenMinutes, running(10), Duration.ZERO, 9, MIDDLE))
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(PollTiming.delay(quick, tenMinutes, running(560), Duration.ZERO, 9, MIDDLE))
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void anyHistoryAtAnyPointGivesADelayBetweenTheBackoffsShortestAndLongest() {
        // A property, on 20,000 seeded draws: whatever the history says, never longer than the back-off's
        // longest interval (so an end is never seen later than the back-off would see it) nor shorter than
        // the back-off's shortest (its first interval less the jitter), so the cost per minute is bounded.
        Duration shortest = Duration.ofMillis(Math.round(options.initialInterval().toMillis() * (1 - options.jitter())));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long[] runs = new long[1 + random.nextInt(20)];
            long median = 1 + random.nextInt(7200);
            for (int j = 0; j < runs.length; j++) {
                runs[j] = Math.max(0, Math.round(median * (1 + random.nextGaussian() * random.nextDouble() * 0.5)));
            }
            ExpectedDuration e = random.nextBoolean() ? ExpectedDuration.ofRuns(runs)
                    : ExpectedDuration.given(Duration.ofSeconds(median));
            Run run = running(random.nextInt(15_000));
            Duration since = Duration.ofMillis(random.nextInt(15_000_000));
            Duration d = PollTiming.delay(options, e, run, since, random.nextInt(30), random::nextDouble);
            assertThat(d).as("%s at %s", e, run).isBetween(shortest, options.maxInterval());
        }
    }
}
