package io.jenkins.plugins.ishcd.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** The exponential back-off with jitter of {@link WaitOptions}: pure arithmetic, random source injectable. */
final class Backoff {
    private static final DoubleSupplier RANDOM = () -> ThreadLocalRandom.current().nextDouble();

    private Backoff() {}

    /** @see #delay(WaitOptions, int, DoubleSupplier) */
    static Duration delay(WaitOptions options, int step) {
        return delay(options, step, RANDOM);
    }

    /**
     * @param step polls since the last status change, from 0
     * @param random values in {@code [0, 1)}
     * @return {@code min(max, initial * multiplier^step)}, varied by ±jitter, never above max nor below 1 ms
     */
    static Duration delay(WaitOptions options, int step, DoubleSupplier random) {
        double base = options.initialInterval().toMillis() * Math.pow(options.multiplier(), Math.min(step, 64));
        double max = options.maxInterval().toMillis();
        double capped = Math.min(base, max);
        double varied = capped * (1.0 + options.jitter() * (2.0 * random.getAsDouble() - 1.0));
        return Duration.ofMillis(Math.max(1L, Math.round(Math.min(varied, max))));
    }

    /**
     * The first poll of a wait that starts on a run already under way (a resumed build): anywhere
     * in {@code [0, interval)}, so that waits resumed together spread out instead of polling at once.
     */
    static Duration spread(Duration interval) {
        return Duration.ofNanos((long) (interval.toNanos() * RANDOM.getAsDouble()));
    }
}
