package io.jenkins.plugins.ishcd.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that runs {@code factor} times faster than another from the moment it is made (its
 * {@link #origin()}, where both show the same instant), so that a benchmark can run 10-minute jobs in a
 * minute: run lives, {@code duration}, {@code created} and {@code changed} all follow it, while a client
 * polls on a clock sped up alike. Thread-safe when the base clock is.
 */
public final class ScaledClock extends Clock {

    /** The largest factor accepted: beyond it a millisecond of real time is more than a second. */
    public static final int MAX_FACTOR = 1000;

    private final Clock base;
    private final int factor;
    private final Instant origin;

    /**
     * @param base the clock to speed up, e.g. {@link Clock#systemUTC()}
     * @param factor how many times faster, 1 to {@link #MAX_FACTOR}
     * @throws IllegalArgumentException for a factor out of range
     */
    public ScaledClock(Clock base, int factor) {
        this(base, factor, base.instant());
    }

    private ScaledClock(Clock base, int factor, Instant origin) {
        this.base = Objects.requireNonNull(base, "base");
        this.factor = checked(factor);
        this.origin = origin;
    }

    /** @return {@code factor} @throws IllegalArgumentException with one sentence when it is out of range */
    static int checked(int factor) {
        if (factor < 1 || factor > MAX_FACTOR) {
            throw refusal(factor);
        }
        return factor;
    }

    private static IllegalArgumentException refusal(Object factor) {
        return new IllegalArgumentException("A time scale is a whole number from 1 to " + MAX_FACTOR + ", not " + factor);
    }

    /** Reads {@code --time-scale} for picocli, which reports a refusal as one line naming the option. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return checked(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw refusal(value);
            }
        }
    }

    /** @return the instant from which this clock runs faster, on both clocks the same */
    public Instant origin() {
        return origin;
    }

    /** @return how many times faster than its base clock this one runs */
    public int factor() {
        return factor;
    }

    @Override
    public Instant instant() {
        return origin.plus(Duration.between(origin, base.instant()).multipliedBy(factor));
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScaledClock(base.withZone(zone), factor, origin);
    }

    @Override
    public String toString() {
        return "ScaledClock[" + factor + " x " + base + " from " + origin + "]";
    }
}
