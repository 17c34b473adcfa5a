package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.util.Arrays;

/**
 * How long a run of a job is expected to take: the durations of the job's earlier runs (see
 * {@link JobDurations}), or one duration a caller gave ({@code expectedDuration}, {@code --expected}).
 * Immutable. Durations are the API's {@code duration}: whole seconds the run spent running, not
 * counting the time it was queued. {@link PollTiming} times polls from it.
 */
public final class ExpectedDuration {
    /** The longest duration accepted, from a caller or a history: a year, in seconds. */
    public static final long MAX_SECONDS = 366L * 24 * 3600;

    private final long[] sorted;
    private final boolean given;

    private ExpectedDuration(long[] sorted, boolean given) {
        this.sorted = sorted;
        this.given = given;
    }

    /**
     * @param expected what the caller expects a run to take, positive, at most {@link #MAX_SECONDS}
     * @return an expectation that overrides any history
     * @throws IllegalArgumentException with one sentence for a duration that is not positive or too long
     */
    @NonNull
    public static ExpectedDuration given(@NonNull Duration expected) {
        if (expected.isNegative() || expected.isZero() || expected.getSeconds() > MAX_SECONDS) {
            throw new IllegalArgumentException("The expected duration of a run must be from 1 s to 366 d, not "
                    + (expected.isNegative() ? expected : Durations.format(expected)) + ".");
        }
        // Whole seconds, like the API's durations; under a second counts as one.
        return new ExpectedDuration(new long[] {Math.max(1, expected.getSeconds())}, true);
    }

    /**
     * @param seconds durations of earlier runs in whole seconds, in any order, each from 0 to
     *     {@link #MAX_SECONDS}; at least one
     * @return the expectation they give
     * @throws IllegalArgumentException if there is none, or one is out of range
     */
    @NonNull
    public static ExpectedDuration ofRuns(@NonNull long... seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("An expectation needs at least one earlier duration.");
        }
        long[] copy = seconds.clone();
        for (long s : copy) {
            if (s < 0 || s > MAX_SECONDS) {
                throw new IllegalArgumentException("A run's duration must be from 0 to " + MAX_SECONDS + " s, not "
                        + s + ".");
            }
        }
        Arrays.sort(copy);
        return new ExpectedDuration(copy, false);
    }

    /** @return whether a caller gave it (rather than a job's history) */
    public boolean isGiven() {
        return given;
    }

    /** @return how many earlier runs it comes from; 0 when given */
    public int runs() {
        return given ? 0 : sorted.length;
    }

    /** @return the median duration, in seconds (of an even count, the mean of the middle two, rounded up) */
    public long typicalSeconds() {
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2] + 1) / 2;
    }

    /** @return the median duration */
    @NonNull
    public Duration typical() {
        return Duration.ofSeconds(typicalSeconds());
    }

    /**
     * @param q a fraction from 0 to 1
     * @return the duration, in seconds, that a fraction {@code q} of the earlier runs did not exceed
     *     (nearest rank: 0 gives the shortest, 1 the longest)
     */
    public long quantileSeconds(double q) {
        int rank = (int) Math.ceil(Math.min(1.0, Math.max(0.0, q)) * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * @return how far durations typically stray from the median, in seconds: the median absolute
     *     deviation scaled to a normal distribution's sigma (x 1.4826), which a few outliers among the
     *     earlier runs do not move; 0 when given
     */
    public double deviationSeconds() {
        long m = typicalSeconds();
        long[] deviations = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - m);
        }
        Arrays.sort(deviations);
        // The mean of the two middle ones for an even count: the median of 2 runs is then half their gap.
        double mad = (deviations[(deviations.length - 1) / 2] + deviations[deviations.length / 2]) / 2.0;
        return 1.4826 * mad;
    }

    /**
     * What the wait expects, for the console and the command line, once per wait.
     *
     * @param job the job
     * @return e.g. {@code Ish CD job my-corp/deploy usually takes about 1 min 10 s (last 12 runs).} or
     *     {@code Ish CD job my-corp/deploy is expected to take about 10 min.}
     */
    @NonNull
    public String describe(@NonNull JobRef job) {
        String about = Durations.format(Duration.ofSeconds(rounded(typicalSeconds())));
        if (given) {
            return "Ish CD job " + job + " is expected to take about " + about + ".";
        }
        return "Ish CD job " + job + " usually takes about " + about + " (" + (sorted.length == 1 ? "last run"
                : "last " + sorted.length + " runs") + ").";
    }

    /** "About": whole seconds below 2 min, then 5 s below 10 min, 10 s below 1 h, whole minutes beyond. */
    static long rounded(long seconds) {
        long step = seconds < 120 ? 1 : seconds < 600 ? 5 : seconds < 3600 ? 10 : 60;
        return (seconds + step / 2) / step * step;
    }

    /** @return e.g. {@code ExpectedDuration[median 70 s of 12 runs]} */
    @Override
    public String toString() {
        return "ExpectedDuration[median " + typicalSeconds() + " s " + (given ? "given" : "of " + sorted.length
                + " runs") + "]";
    }
}
