package io.jenkins.plugins.ishcd.client;

/**
 * One entry of {@link RequestScheduler}: a request that is due at a time and goes on the wire when
 * its base URL's limits allow. A wait is one of these for its whole life (re-queued after each
 * answer), so waiting on N runs costs N small objects and no thread. The fields are touched only on
 * the scheduler's thread.
 */
abstract class ScheduledRequest {
    final RequestScheduler scheduler;
    /** The base URL whose limits apply, as a string. */
    final String lane;
    /** When it is due, in {@link System#nanoTime()} terms. */
    long due;
    /** Order among requests due at the same time: first queued, first sent. */
    long seq;
    /** Whether it is in its lane's queue right now. */
    boolean queued;

    ScheduledRequest(RequestScheduler scheduler, String lane) {
        this.scheduler = scheduler;
        this.lane = lane;
    }

    /**
     * Sends the request, on the scheduler's thread, once it is due and permitted; it counts as in
     * flight until {@link RequestScheduler#answered} is called for it, exactly once. Must not block.
     *
     * @param now the scheduler's time
     */
    abstract void dispatch(long now);

    /** The scheduler was shut down before this could be sent: end with a clear failure. Any thread. */
    abstract void abandon();

    /** Runs {@code task} on the scheduler's thread; if the scheduler was shut down, {@link #abandon()}s. */
    final void submitOrAbandon(Runnable task) {
        try {
            scheduler.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            abandon();
        }
    }
}
