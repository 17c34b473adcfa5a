package io.jenkins.plugins.ishcd.client;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * For benchmarks: a {@link RequestScheduler} whose time runs {@code scale} times faster than real
 * time, against an emulator whose clock runs as fast ({@code --time-scale}). The engine is unchanged:
 * its intervals, {@link PollTiming}'s bands and the runs' {@code duration} are all in the same fast
 * seconds, so a 10-minute job is waited on for a tenth of the time, poll for poll as in real time.
 */
public final class ScaledScheduler {
    private ScaledScheduler() {}

    /**
     * @param name the prefix of its two threads' names
     * @param scale how many times faster than real time, at least 1
     * @return a new scheduler; stop it with {@link RequestScheduler#shutdown()}
     */
    public static RequestScheduler newScheduler(String name, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("A time scale is at least 1, not " + scale);
        }
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, IshCdExecutors.factory(name + "-scheduler-")) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                return super.schedule(command, unit.toNanos(delay) / scale, TimeUnit.NANOSECONDS);
            }
        };
        thread.setRemoveOnCancelPolicy(true);
        long origin = System.nanoTime();
        return new RequestScheduler(thread, Executors.newSingleThreadExecutor(IshCdExecutors.factory(name + "-events-")),
                () -> origin + (System.nanoTime() - origin) * scale);
    }
}
