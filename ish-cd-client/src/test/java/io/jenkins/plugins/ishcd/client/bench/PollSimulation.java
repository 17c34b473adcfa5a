package io.jenkins.plugins.ishcd.client.bench;

import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.PollTiming;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunStatus;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * One wait on one simulated run, on a simulated clock (seconds, no sleeping, no HTTP): which
 * requests it makes and when it sees the end. The run is queued for {@code queued} seconds, then
 * runs for {@code running} seconds; a poll at time t reads what the Ish CD API would answer then
 * ({@code duration} in whole seconds spent running, 0 while queued).
 *
 * <p>The polling follows the engine's RunWaiter: after the trigger's answer (one request) the first
 * poll comes after the initial interval; after each answer, the step goes back to 0 on a status
 * change, and the next delay is {@link PollTiming#delay}, with the expectation or without it (the
 * back-off). The fixed poll is the official JavaScript client's: every 5 s from the trigger.
 */
public final class PollSimulation {
    /** What one wait cost and how late it saw the end. */
    public record Outcome(int requests, double lateSeconds) {}

    /** The delay before the next poll, given the run as just read, the time since its last status change, the step. */
    @FunctionalInterface
    public interface Timing {
        Duration next(Run run, Duration sinceChange, int step);
    }

    /** @return the engine's timing: {@link PollTiming#delay}, with {@code expected} or (null) the back-off */
    public static Timing engine(WaitOptions options, ExpectedDuration expected, DoubleSupplier random) {
        return (run, since, step) -> PollTiming.delay(options, expected, run, since, step, random);
    }

    private PollSimulation() {}

    /** @return the official client's fixed 5 s poll: the first GET 5 s after the POST */
    public static Outcome fixedPoll(double queued, double running) {
        double end = queued + running;
        int polls = (int) Math.ceil(end / 5.0);
        if (polls * 5.0 == end) {
            // a poll at the very instant of the end still sees it running in this model
            polls++;
        }
        polls = Math.max(1, polls);
        return new Outcome(1 + polls, polls * 5.0 - end);
    }

    /**
     * A wait from the trigger.
     *
     * @param expected the expectation, or null for the plain back-off
     */
    public static Outcome triggered(WaitOptions options, ExpectedDuration expected, double queued, double running,
            DoubleSupplier random) {
        return triggeredWith(options, engine(options, expected, random), queued, running);
    }

    /** A wait from the trigger, with any timing. */
    public static Outcome triggeredWith(WaitOptions options, Timing timing, double queued, double running) {
        return wait(timing, queued, running, 0, seconds(options.initialInterval()), RunStatus.QUEUED, 1);
    }

    /**
     * A wait that starts late, on a run already under way (a controller restart): the first poll at a
     * random point of the first interval, the status known from before the restart.
     */
    public static Outcome resumed(WaitOptions options, ExpectedDuration expected, double queued, double running,
            double startAt, DoubleSupplier random) {
        return resumedWith(options, engine(options, expected, random), queued, running, startAt, random);
    }

    /** A wait that starts late, with any timing. */
    public static Outcome resumedWith(WaitOptions options, Timing timing, double queued, double running,
            double startAt, DoubleSupplier random) {
        RunStatus known = startAt < queued ? RunStatus.QUEUED : RunStatus.RUNNING;
        double first = random.getAsDouble() * seconds(options.initialInterval());
        return wait(timing, queued, running, startAt, first, known, 0);
    }

    private static Outcome wait(Timing timing, double queued, double running, double startAt, double firstPoll,
            RunStatus known, int requests) {
        double end = queued + running;
        RunStatus last = known;
        double changedAt = startAt;
        int step = 0;
        double t = startAt + firstPoll;
        while (true) {
            requests++;
            Run run = answer(t, queued, running);
            if (run.status() != last) {
                last = run.status();
                changedAt = t;
                step = 0;
            }
            if (run.status().isFinished()) {
                return new Outcome(requests, t - end);
            }
            Duration since = Duration.ofMillis(Math.round((t - changedAt) * 1000));
            t += seconds(timing.next(run, since, step++));
        }
    }

    /** @return the run as the API shows it at time {@code t} (the end itself already counts as ended) */
    static Run answer(double t, double queued, double running) {
        if (t < queued) {
            return new Run("sim", "queued", 0, null, null, null);
        }
        if (t < queued + running) {
            return new Run("sim", "running", (long) Math.floor(t - queued), null, null, null);
        }
        return new Run("sim", "complete", Math.round(running), null, null, null);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
