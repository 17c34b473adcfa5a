package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/**
 * How to wait for a run: the back-off between polls, the overall timeout, and how many failures
 * to tolerate. Immutable; build with {@link #builder()}.
 *
 * <p>Per the Ish CD API's advice, polls back off exponentially: the n-th interval after a status
 * change is {@code min(maxInterval, initialInterval * multiplier^n)}, varied by {@code ±jitter} so
 * that many waits do not poll in step, and never above {@code maxInterval}. A run's end is
 * therefore seen at most {@code maxInterval} after it happens.
 */
public final class WaitOptions {
    /** The longest polling interval accepted. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    /** The longest overall timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(365);

    private static final WaitOptions DEFAULTS = builder().build();

    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double multiplier;
    private final double jitter;
    private final Duration timeout;
    private final int maxConsecutiveFailures;
    private final Duration unknownStatusLimit;
    private final ExpectedDuration expected;

    private WaitOptions(Builder b) {
        this.initialInterval = b.initialInterval;
        this.maxInterval = b.maxInterval;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.timeout = b.timeout;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.unknownStatusLimit = b.unknownStatusLimit;
        this.expected = b.expected;
    }

    /** @return 2 s initial, 30 s maximum, multiplier 2, jitter 0.2, no timeout, 10 failures, 5 min unknown */
    @NonNull
    public static WaitOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    @NonNull
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options */
    @NonNull
    public Builder toBuilder() {
        Builder b = new Builder();
        b.initialInterval = initialInterval;
        b.maxInterval = maxInterval;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.timeout = timeout;
        b.maxConsecutiveFailures = maxConsecutiveFailures;
        b.unknownStatusLimit = unknownStatusLimit;
        b.expected = expected;
        return b;
    }

    /** @return the first interval between polls, and the one after each status change */
    @NonNull
    public Duration initialInterval() {
        return initialInterval;
    }

    /** @return the longest interval between polls */
    @NonNull
    public Duration maxInterval() {
        return maxInterval;
    }

    /** @return the factor by which the interval grows after each poll without a status change */
    public double multiplier() {
        return multiplier;
    }

    /** @return the relative random variation of each interval, 0 to 1 (0.2 = ±20 %) */
    public double jitter() {
        return jitter;
    }

    /** @return how long to wait in all before giving up, or null to wait as long as the run takes */
    @CheckForNull
    public Duration timeout() {
        return timeout;
    }

    /** @return how many transient poll failures in a row are tolerated before the wait fails */
    public int maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    /** @return how long a status this client does not know is tolerated before the wait fails */
    @NonNull
    public Duration unknownStatusLimit() {
        return unknownStatusLimit;
    }

    /**
     * @return how long the run is expected to take (from the job's history or the caller), which
     *     times the polls by {@link PollTiming}; or null for the plain back-off
     */
    @CheckForNull
    public ExpectedDuration expected() {
        return expected;
    }

    @Override
    public String toString() {
        return "WaitOptions[interval " + initialInterval + ".." + maxInterval + " x" + multiplier + " ±" + jitter
                + ", timeout " + timeout + ", failures " + maxConsecutiveFailures + ", unknown " + unknownStatusLimit
                + (expected == null ? "" : ", expected " + expected) + "]";
    }

    /** Builds {@link WaitOptions}; every setter validates its argument and throws {@link IllegalArgumentException}. */
    public static final class Builder {
        private Duration initialInterval = Duration.ofSeconds(2);
        private Duration maxInterval = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private double jitter = 0.2;
        private Duration timeout;
        private int maxConsecutiveFailures = 10;
        private Duration unknownStatusLimit = Duration.ofMinutes(5);
        private ExpectedDuration expected;

        private Builder() {}

        /** @param e how long the run is expected to take, or null for the plain back-off @return this */
        public Builder expected(@CheckForNull ExpectedDuration e) {
            this.expected = e;
            return this;
        }

        /** @param d the first interval, positive, at most {@link #MAX_INTERVAL} @return this */
        public Builder initialInterval(@NonNull Duration d) {
            this.initialInterval = bounded(d, "initial polling interval", MAX_INTERVAL);
            return this;
        }

        /** @param d the longest interval, positive, at most {@link #MAX_INTERVAL} @return this */
        public Builder maxInterval(@NonNull Duration d) {
            this.maxInterval = bounded(d, "maximum polling interval", MAX_INTERVAL);
            return this;
        }

        /**
         * Sets both intervals from what a caller asked for, kept within an administrator's limits:
         * a caller may poll less often than the limit's first interval but never more often, and
         * never waits longer between polls than the limit's longest interval.
         *
         * @param requestedInitial the caller's first interval, or null to take the limit's
         * @param requestedMax the caller's longest interval, or null to take the limit's
         * @param limitInitial the administrator's first interval, positive
         * @param limitMax the administrator's longest interval, positive (raised to {@code limitInitial} if shorter)
         * @return this
         */
        public Builder intervalsWithin(@CheckForNull Duration requestedInitial, @CheckForNull Duration requestedMax,
                @NonNull Duration limitInitial, @NonNull Duration limitMax) {
            Duration ceiling = longer(limitInitial, limitMax);
            Duration first = requestedInitial == null ? limitInitial : clamp(requestedInitial, limitInitial, ceiling);
            Duration longest = requestedMax == null ? ceiling : clamp(requestedMax, first, ceiling);
            maxInterval(longest);
            return initialInterval(first);
        }

        private static Duration longer(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        private static Duration clamp(Duration value, Duration min, Duration max) {
            return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
        }

        /** @param m the growth factor, at least 1 @return this */
        public Builder multiplier(double m) {
            if (!(m >= 1.0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("The polling multiplier must be at least 1, not " + m + ".");
            }
            this.multiplier = m;
            return this;
        }

        /** @param j the relative variation, from 0 to 1 @return this */
        public Builder jitter(double j) {
            if (!(j >= 0.0 && j <= 1.0)) {
                throw new IllegalArgumentException("The polling jitter must be between 0 and 1, not " + j + ".");
            }
            this.jitter = j;
            return this;
        }

        /** @param d the overall timeout, positive, at most {@link #MAX_TIMEOUT}, or null for none @return this */
        public Builder timeout(@CheckForNull Duration d) {
            this.timeout = d == null ? null : bounded(d, "timeout", MAX_TIMEOUT);
            return this;
        }

        /** @param n transient failures tolerated in a row, 0 or more @return this */
        public Builder maxConsecutiveFailures(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("The number of tolerated polling failures cannot be negative.");
            }
            this.maxConsecutiveFailures = n;
            return this;
        }

        /** @param d how long an unknown status is tolerated, positive, at most {@link #MAX_TIMEOUT} @return this */
        public Builder unknownStatusLimit(@NonNull Duration d) {
            this.unknownStatusLimit = bounded(d, "limit for an unknown status", MAX_TIMEOUT);
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if the initial interval is longer than the maximum
         */
        public WaitOptions build() {
            if (initialInterval.compareTo(maxInterval) > 0) {
                throw new IllegalArgumentException("The initial polling interval (" + Durations.format(initialInterval)
                        + ") is longer than the maximum (" + Durations.format(maxInterval)
                        + "): make the maximum at least as long.");
            }
            return new WaitOptions(this);
        }

        private static Duration bounded(Duration d, String what, Duration max) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("The " + what + " must be a positive duration, not " + d + ".");
            }
            if (d.compareTo(max) > 0) {
                throw new IllegalArgumentException("The " + what + " (" + Durations.format(d) + ") is longer than "
                        + Durations.format(max) + ": give at most " + Durations.format(max) + ".");
            }
            return d;
        }
    }
}
