package io.jenkins.plugins.ishcd.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than real time, so that {@code demo --speed 20} (and
 * its test) shows the same run life cycle in a fraction of the time.
 */
final class ScaledClock extends Clock {
    private final Instant origin;
    private final long originNanos;
    private final double speed;

    ScaledClock(double speed) {
        this(Instant.now(), System.nanoTime(), speed);
    }

    private ScaledClock(Instant origin, long originNanos, double speed) {
        this.origin = origin;
        this.originNanos = originNanos;
        this.speed = speed;
    }

    @Override
    public Instant instant() {
        return origin.plus(Duration.ofNanos((long) ((System.nanoTime() - originNanos) * speed)));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // only instants matter to the emulator
    }
}
