package io.jenkins.plugins.ishcd.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test says so, so that no test sleeps for a run's duration.
 * Thread-safe: the emulator's request threads read it while the test advances it.
 */
public final class ManualClock extends Clock {

    /** 2017-06-29T05:27:17Z, the {@code created} time of the API page's examples. */
    public static final Instant SEED_EPOCH = Instant.ofEpochSecond(1498714037L);

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@link #SEED_EPOCH}. */
    public ManualClock() {
        this(SEED_EPOCH);
    }

    /** @param start the instant the clock stands at until advanced */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far; must not be negative (a run's life cycle only moves forward)
     * @return the new instant
     */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("A clock only moves forward, not by " + amount);
        }
        return now.updateAndGet(current -> current.plus(amount));
    }

    /** @param seconds how many seconds to move forward */
    public Instant advanceSeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** @return a view of the same moving instant in another zone */
    @Override
    public Clock withZone(ZoneId other) {
        return new ManualClock(now, other);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
