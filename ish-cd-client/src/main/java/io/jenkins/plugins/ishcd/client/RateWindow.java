package io.jenkins.plugins.ishcd.client;

/**
 * A sliding-window budget: at most {@code n} sends in any window of {@code windowNanos}, kept as a
 * ring of the last {@code n} send times. Exact, unlike a token bucket, which lets up to twice its
 * rate into one window. Times are {@link System#nanoTime()} values, compared by difference so that
 * they may wrap. Not thread-safe: {@link RequestScheduler}'s thread owns it.
 */
final class RateWindow {
    private final long[] sends;
    private final long windowNanos;
    private int oldest;
    private int count;

    RateWindow(int n, long windowNanos) {
        this.sends = new long[n];
        this.windowNanos = windowNanos;
    }

    /** @return whether one more send at {@code now} stays within the budget */
    boolean permits(long now) {
        return count < sends.length || now - sends[oldest] >= windowNanos;
    }

    /** @return the earliest time a send is permitted, {@code now} or later */
    long nextPermit(long now) {
        return permits(now) ? now : sends[oldest] + windowNanos;
    }

    /** Records a send at {@code now}; call only when {@link #permits} said so. */
    void record(long now) {
        if (count < sends.length) {
            sends[(oldest + count++) % sends.length] = now;
        } else {
            sends[oldest] = now;
            oldest = (oldest + 1) % sends.length;
        }
    }
}
