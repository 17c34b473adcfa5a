package io.jenkins.plugins.ishcd.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** The exponential back-off with jitter of {@link WaitOptions}: pure arithmetic, random source injectable. */
final class Backoff {
    private final WaitOptions options;
    private final DoubleSupplier random;

    Backoff(WaitOptions options) {
        this(options, () -> ThreadLocalRandom.current().nextDouble());
    }

    Backoff(WaitOptions options, DoubleSupplier random) {
        this.options = options;
        this.random = random;
    }

    /**
     * @param step polls since the last status change, from 0
     * @return {@code min(max, initial * multiplier^step)}, varied by ±jitter, never above max nor below 1 ms
     */
    Duration delay(int step) {
        double base = options.initialInterval().toMillis() * Math.pow(options.multiplier(), Math.min(step, 64));
        double max = options.maxInterval().toMillis();
        double capped = Math.min(base, max);
        double varied = capped * (1.0 + options.jitter() * (2.0 * random.getAsDouble() - 1.0));
        return Duration.ofMillis(Math.max(1L, Math.round(Math.min(varied, max))));
    }
}
