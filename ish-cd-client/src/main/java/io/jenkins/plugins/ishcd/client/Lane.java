package io.jenkins.plugins.ishcd.client;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * The queue of one base URL: the requests due there, most overdue first, released within its
 * {@link RequestLimits} and not before a hold (a {@code 429 Retry-After}) has passed. Pure state
 * without threads or clocks, so that {@link RequestScheduler} stays a short loop and this is tested
 * on numbers. Owned by the scheduler's thread.
 */
final class Lane {
    /** A second, and 10 ms for the difference between this JVM's clock and the server's. */
    static final long BUDGET_WINDOW_NANOS = 1_010_000_000L;

    private final PriorityQueue<ScheduledRequest> due = new PriorityQueue<>(Lane::compare);
    private RequestLimits limits;
    private RateBudget budget;
    // Written on the scheduler's thread only; volatile so that load() may read them from any thread.
    private volatile int inFlight;
    private volatile int peakInFlight;
    private volatile int queued;
    private boolean held;
    private long heldUntil;

    Lane(RequestLimits limits) {
        limit(limits);
    }

    /** Changes the limits; requests in flight stay counted. */
    void limit(RequestLimits newLimits) {
        if (!newLimits.equals(limits)) {
            limits = newLimits;
            budget = new RateBudget(newLimits.requestsPerSecond(), BUDGET_WINDOW_NANOS);
        }
    }

    void offer(ScheduledRequest r) {
        due.add(r);
        queued = due.size();
    }

    boolean remove(ScheduledRequest r) {
        boolean removed = due.remove(r);
        queued = due.size();
        return removed;
    }

    /** Holds every request of this lane until {@code until}, or longer if a hold already reaches further. */
    void holdUntil(long until) {
        if (!held || until - heldUntil > 0) {
            held = true;
            heldUntil = until;
        }
    }

    /** @return the request that may go at {@code now}, taken off the queue and counted in flight; or null */
    ScheduledRequest take(long now) {
        ScheduledRequest head = due.peek();
        if (head == null || inFlight >= limits.maxInFlight() || head.due - now > 0 || isHeld(now)
                || !budget.permits(now, inFlight)) {
            return null;
        }
        due.poll();
        queued = due.size();
        inFlight++;
        if (inFlight > peakInFlight) {
            peakInFlight = inFlight;
        }
        return head;
    }

    /** A request taken from here has its answer, or gave up waiting for one, at {@code now}. */
    void finished(long now) {
        inFlight--;
        budget.answered(now);
    }

    /**
     * @return when {@link #take} may next return a request (not before {@code now}); or
     *     {@code now - 1} when nothing but an answer can release one (queue empty or in flight full)
     */
    long wakeAt(long now) {
        ScheduledRequest head = due.peek();
        if (head == null || inFlight >= limits.maxInFlight()) {
            return now - 1;
        }
        long at = head.due - now > 0 ? head.due : now;
        if (isHeld(now) && heldUntil - at > 0) {
            at = heldUntil;
        }
        long permit = budget.nextPermit(at, inFlight);
        return permit - at >= 0 ? permit : now - 1;
    }

    /**
     * Learns from a failed request: a 429, or a 503 with {@code Retry-After}, holds off every
     * request of this lane until the pause it asked for has passed (at most {@code max}; {@code
     * noHeader} for a 429 that names none), not just the one that got it.
     */
    void heard(IshCdException e, long now, Duration noHeader, Duration max) {
        Duration pause = Failures.retryAfter(e).orElse(e instanceof RateLimitedException ? noHeader : null);
        if (pause != null) {
            holdUntil(now + (pause.compareTo(max) > 0 ? max : pause).toNanos());
        }
    }

    /** @return the most overdue request, taken off the queue whatever the limits; or null. For shutdown. */
    ScheduledRequest poll() {
        ScheduledRequest r = due.poll();
        queued = due.size();
        return r;
    }

    /** @return requests queued, in flight, and the most in flight at once so far; any thread */
    LaneLoad load() {
        return new LaneLoad(queued, inFlight, peakInFlight);
    }

    int inFlight() {
        return inFlight;
    }

    private boolean isHeld(long now) {
        if (held && now - heldUntil >= 0) {
            held = false;
        }
        return held;
    }

    private static int compare(ScheduledRequest a, ScheduledRequest b) {
        long d = a.due - b.due;
        return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.seq, b.seq);
    }
}
