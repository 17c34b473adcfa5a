package io.jenkins.plugins.ishcd.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The events of one {@link RunLife}, handled one at a time, in the order they were posted, on a
 * pool shared with other lives: at most one task of this inbox is on the pool at a time, and
 * everything it does happens-before the next event's handling. Posting never blocks, so the
 * client's events thread may post. (The JDK has no such executor; Guava's sequential executor is
 * not a dependency of this library.)
 */
final class Inbox {
    private static final Logger LOGGER = Logger.getLogger(Inbox.class.getName());

    private final Executor pool;
    private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param pool runs the handling; may block briefly (a credentials lookup, a file write) */
    Inbox(Executor pool) {
        this.pool = pool;
    }

    /** Queues {@code event}; from any thread. */
    void post(Runnable event) {
        events.add(event);
        schedule();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return; // a drain is queued or running and will see the event
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "The pool of Ish CD runs refused work; handling events on this thread", e);
            drain();
        }
    }

    private void drain() {
        for (Runnable event = events.poll(); event != null; event = events.poll()) {
            try {
                event.run();
            } catch (RuntimeException | LinkageError e) {
                LOGGER.log(Level.WARNING, "An Ish CD run's event failed", e);
            }
        }
        scheduled.set(false);
        if (!events.isEmpty()) {
            schedule(); // posted between the last poll and the reset
        }
    }
}
