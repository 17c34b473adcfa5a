package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to poll a run next, from what is known of how long its job takes: pure arithmetic, no clock
 * of its own, random source injectable.
 *
 * <p>Without an {@link ExpectedDuration}, and whenever the run is not {@code running}, the delay is
 * exactly the back-off of {@link WaitOptions} ({@link Backoff}). With one, the running run's position
 * (its own {@code duration}, or the time since it was seen to start if that is longer) is placed
 * against the {@link Band} of its likely end: sparse polls (the back-off's longest interval) while the
 * end is far, then polls every {@link #NEAR} on the approach, every {@link #DENSE} where most earlier
 * runs ended, every {@link #NEAR} again just after, and the back-off once the run has outlived the
 * band. Every delay stays between {@link WaitOptions#initialInterval()} and
 * {@link WaitOptions#maxInterval()}, so a wrong or stale expectation costs at most the band's polls
 * and never sees an end later than the back-off's longest interval would.
 */
public final class PollTiming {
    /** The interval where most earlier runs ended: an end there is seen at most this late. */
    public static final Duration DENSE = Duration.ofSeconds(5);
    /** The interval on the approach to that range and just after it: under 10 s late. */
    public static final Duration NEAR = Duration.ofSeconds(9);

    private static final DoubleSupplier RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    private PollTiming() {}

    /** @see #delay(WaitOptions, ExpectedDuration, Run, Duration, int, DoubleSupplier) */
    @NonNull
    public static Duration delay(@NonNull WaitOptions options, @CheckForNull ExpectedDuration expected,
            @NonNull Run run, @NonNull Duration sinceChange, int step) {
        return delay(options, expected, run, sinceChange, step, RANDOM);
    }

    /**
     * @param options the intervals and jitter
     * @param expected the job's expected duration, or null when there is none (then: the back-off)
     * @param run the run as just read
     * @param sinceChange how long ago this wait saw the run's status change (or started, if it has seen
     *     none), not negative; a lower bound of how long the run has been running
     * @param step polls since that change, from 0 (the back-off's step)
     * @param random values in {@code [0, 1)}, for the jitter
     * @return the delay before the next poll: {@code Backoff}'s own without a band or while the run is
     *     not running, else from {@code initialInterval} to {@code maxInterval}
     */
    @NonNull
    public static Duration delay(@NonNull WaitOptions options, @CheckForNull ExpectedDuration expected,
            @NonNull Run run, @NonNull Duration sinceChange, int step, @NonNull DoubleSupplier random) {
        Band band = expected == null ? null : Band.of(expected);
        if (band == null || run.status() != RunStatus.RUNNING) {
            return Backoff.delay(options, step, random);
        }
        double at = Math.max(run.durationSeconds(), sinceChange.toMillis() / 1000.0);
        double near = NEAR.toMillis() / 1000.0;
        double seconds;
        if (at >= band.end) {
            return Backoff.delay(options, step, random); // outlived every earlier run: back to the back-off
        } else if (at < band.start - near) {
            // Far: the back-off's longest interval (jitter included), the last one landing on the band.
            double sparse = Backoff.delay(options, Integer.MAX_VALUE, random).toMillis() / 1000.0;
            seconds = Math.min(sparse, band.start - at);
        } else if (at < band.denseFrom || at >= band.denseUntil) {
            seconds = near;
        } else {
            seconds = DENSE.toMillis() / 1000.0;
        }
        long ms = Math.round(seconds * 1000);
        ms = Math.min(options.maxInterval().toMillis(), Math.max(options.initialInterval().toMillis(), ms));
        return Duration.ofMillis(ms);
    }

    /**
     * Where a run's end is likely, in seconds of its {@code duration}: {@code [start, end)} is polled
     * at {@link #NEAR} or closer, {@code [denseFrom, denseUntil)} at {@link #DENSE}.
     *
     * <p>From the median {@code m} of the {@code n} earlier runs, their spread {@code s} (the median
     * absolute deviation as a normal sigma, relative to {@code m}, so that outliers do not widen it; at
     * least {@link #ASSUMED_SPREAD} below 5 runs) and the median's own uncertainty
     * {@code u = 1.25 s / sqrt(n)}: dense over {@code m (1 ± (1.8 s + 2u))}, where about 93 % of runs
     * end, and near over {@code m (1 ± (0.1 + 3u))}, which holds the runs within ±10 % of the job's
     * true median. A given duration counts as {@link #GIVEN_RUNS} runs with the assumed spread. Runs
     * spread wider than {@link #MAX_SPREAD} get no band (the back-off): timing them would cost more
     * than it saves. The bounds come from the simulation in the tests ({@code PollFleet}).
     */
    static final class Band {
        static final double ASSUMED_SPREAD = 0.04;
        static final double MAX_SPREAD = 0.15;
        /** The dense range is at most the median ±20 %: a bound on what a band can cost. */
        static final double MAX_DENSE = 0.2;
        static final int GIVEN_RUNS = 4;
        /** Durations are whole seconds: one more either side. */
        static final double PAD = 1.0;

        final double start;
        final double denseFrom;
        final double denseUntil;
        final double end;

        private Band(double start, double denseFrom, double denseUntil, double end) {
            this.start = start;
            this.denseFrom = denseFrom;
            this.denseUntil = denseUntil;
            this.end = end;
        }

        /** @return the band, or null when there is none to time from (then: the back-off) */
        @CheckForNull
        static Band of(@NonNull ExpectedDuration e) {
            double m = e.typicalSeconds();
            if (m <= 0) {
                return null;
            }
            double spread = e.isGiven() ? ASSUMED_SPREAD : e.deviationSeconds() / m;
            if (spread > MAX_SPREAD) {
                return null;
            }
            int n = e.isGiven() ? GIVEN_RUNS : e.runs();
            if (n < 5) {
                spread = Math.max(spread, ASSUMED_SPREAD);
            }
            double uncertain = 1.25 * spread / Math.sqrt(n);
            double dense = Math.min(MAX_DENSE, 1.8 * spread + 2 * uncertain);
            double near = Math.max(dense, 0.1 + 3 * uncertain);
            return new Band(m * (1 - near) - PAD, m * (1 - dense) - PAD, m * (1 + dense) + PAD, m * (1 + near) + PAD);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Band[%.1f, dense %.1f-%.1f, %.1f)", start, denseFrom,
                    denseUntil, end);
        }
    }
}
