package io.jenkins.plugins.ishcd.client;

import java.util.Arrays;

/**
 * At most {@code n} requests reach the server in any window of {@code windowNanos}, whatever the
 * delays between sending and arriving. A request arrives somewhere between being sent and being
 * answered, so each one counts from its sending until {@code windowNanos} after its answer: a
 * request may go only while fewer than {@code n} are in flight or were answered within the window.
 * (Proof: of any n + 1 arrivals within one window, the last one sent saw the other n in flight or
 * answered within the window when it was sent.) Counting only sending times, as a token bucket or
 * a log of sends does, lets a busy machine deliver a window's worth late and the next on time.
 *
 * <p>Times are {@link System#nanoTime()} values, compared by difference. Not thread-safe:
 * {@link RequestScheduler}'s thread owns it.
 */
final class RateBudget {
    private final int n;
    private final long windowNanos;
    private long[] answered; // answer times still within the window, oldest first, in a ring
    private int head;
    private int size;

    RateBudget(int n, long windowNanos) {
        this.n = n;
        this.windowNanos = windowNanos;
        this.answered = new long[Math.min(n, 1024)];
    }

    /** @return whether one more request may go at {@code now} with {@code inFlight} under way */
    boolean permits(long now, int inFlight) {
        expire(now);
        return inFlight + size < n;
    }

    /**
     * @param at a time not before the last call's; may lie ahead of the clock (nothing is forgotten)
     * @return the earliest time one more request may go, not before {@code at}; or {@code at - 1}
     *     when only an answer can make room (the requests in flight alone fill the budget)
     */
    long nextPermit(long at, int inFlight) {
        int gone = 0;
        while (gone < size && at - answered[(head + gone) % answered.length] >= windowNanos) {
            gone++;
        }
        int excess = inFlight + size - gone - n + 1; // answers that must leave the window first
        if (excess <= 0) {
            return at;
        }
        return excess > size - gone ? at - 1 : answered[(head + gone + excess - 1) % answered.length] + windowNanos;
    }

    /** A request sent from here has its answer (or gave up waiting) at {@code now}. */
    void answered(long now) {
        expire(now);
        if (size == answered.length) {
            long[] bigger = new long[answered.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = answered[(head + i) % answered.length];
            }
            answered = bigger;
            head = 0;
        }
        answered[(head + size++) % answered.length] = now;
    }

    private void expire(long now) {
        while (size > 0 && now - answered[head] >= windowNanos) {
            head = (head + 1) % answered.length;
            size--;
        }
        if (size == 0 && answered.length > 1024) {
            answered = Arrays.copyOf(answered, 1024); // a burst passed: give its room back
            head = 0;
        }
    }
}
