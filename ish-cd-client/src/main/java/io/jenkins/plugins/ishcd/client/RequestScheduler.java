package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one scheduler of every wait and trigger in the JVM: it knows when each is next due, and it
 * alone decides what goes on the wire, per base URL: the most overdue request first, within that
 * base URL's {@link RequestLimits}, and nothing while a {@code 429 Retry-After} holds it off.
 *
 * <p>All of its state lives on one thread: every event (a request queued, an answer, a cancel, a
 * timer) is a task on that thread, followed by {@link #pump()}, which sends what may go now and sets
 * the timer for the next time something may. Nothing on that thread blocks or parses: answers are
 * read on the HTTP threads, listeners run on the {@code events} thread. A 429 (or a 503 with
 * {@code Retry-After}) holds its whole base URL for the pause asked, at most {@link #MAX_HOLD}
 * ({@link #DEFAULT_HOLD} for a 429 that names none). Get the JVM's instance from
 * {@link IshCdExecutors#scheduler()}.
 */
public final class RequestScheduler {
    /** The longest a {@code Retry-After} holds off a base URL: a server asking for hours would hide every run's end. */
    static final Duration MAX_HOLD = Duration.ofMinutes(5);
    /** How long a 429 without {@code Retry-After} holds off its base URL. */
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(2);

    private final ScheduledExecutorService thread;
    private final Executor events;
    private final LongSupplier clock;
    private final Map<String, RequestLimits> configured = new ConcurrentHashMap<>();
    private volatile RequestLimits defaults = RequestLimits.defaults();
    // Changed on the scheduler's thread only:
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private ScheduledFuture<?> timer;
    private long timerAt;
    private long seq;

    /**
     * @param thread a single-threaded executor that runs the scheduler; it must run tasks one at a time, in order
     * @param events runs listener calls and completions, one at a time, in order
     * @param clock {@link System#nanoTime()} or a test's clock
     */
    RequestScheduler(ScheduledExecutorService thread, Executor events, LongSupplier clock) {
        this.thread = thread;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sets the limits of one base URL, for the requests waiting and those to come.
     *
     * @param baseUrl the API base URL, as given to {@link IshCdClientBuilder#baseUrl(URI)}
     * @param limits the limits, or null for the default ones
     * @throws IllegalArgumentException if the URL is not a valid API base URL
     */
    public void setLimits(@NonNull URI baseUrl, @CheckForNull RequestLimits limits) {
        String key = key(baseUrl);
        if (limits == null) {
            configured.remove(key);
        } else {
            configured.put(key, limits);
        }
        submitQuietly(() -> {
            Lane lane = lanes.get(key);
            if (lane != null) {
                lane.limit(limitsOf(key));
            }
        });
    }

    /** @param limits the limits of every base URL without limits of its own */
    public void setDefaultLimits(@NonNull RequestLimits limits) {
        defaults = limits;
        submitQuietly(() -> lanes.forEach((key, lane) -> lane.limit(limitsOf(key))));
    }

    /** @param baseUrl an API base URL @return the limits that apply to it */
    @NonNull
    public RequestLimits limits(@NonNull URI baseUrl) {
        return limitsOf(key(baseUrl));
    }

    // ---- for the engine's requests; any thread ----

    /**
     * Runs {@code task} on the scheduler's thread, then sends what may go.
     *
     * @throws RejectedExecutionException when the scheduler was shut down
     */
    void submit(Runnable task) {
        thread.execute(() -> {
            task.run();
            pump();
        });
    }

    // ---- on the scheduler's thread only ----

    /** @return the scheduler's time, nanoseconds */
    long now() {
        return clock.getAsLong();
    }

    /** Queues {@code r}, due at {@code due}. */
    void queue(ScheduledRequest r, long due) {
        r.due = due;
        r.seq = seq++;
        r.queued = true;
        lane(r.lane).offer(r);
    }

    /** Takes {@code r} off its queue if it is there. */
    void withdraw(ScheduledRequest r) {
        if (r.queued) {
            r.queued = false;
            lane(r.lane).remove(r);
        }
    }

    /** {@code r}'s request has ended: it no longer counts as in flight. */
    void answered(ScheduledRequest r) {
        lane(r.lane).finished(now());
    }

    /** Learns from a failed request: a 429, or a 503 with {@code Retry-After}, holds its whole base URL off. */
    void heard(ScheduledRequest r, IshCdException e) {
        lane(r.lane).heard(e, now(), DEFAULT_HOLD, MAX_HOLD);
    }

    /** Runs {@code task} on the events thread, after the ones given before; on this thread if that one is shut down. */
    void deliver(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private void pump() {
        long now = clock.getAsLong();
        boolean wake = false;
        long wakeAt = 0;
        for (Lane lane : lanes.values()) {
            for (ScheduledRequest r = lane.take(now); r != null; r = lane.take(now)) {
                r.queued = false;
                r.dispatch(now);
            }
            long at = lane.wakeAt(now);
            if (at - now >= 0 && (!wake || at - wakeAt < 0)) {
                wake = true;
                wakeAt = at;
            }
        }
        if (wake && (timer == null || wakeAt - timerAt < 0)) {
            if (timer != null) {
                timer.cancel(false);
            }
            timerAt = wakeAt;
            timer = thread.schedule(() -> {
                timer = null;
                pump();
            }, Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
        }
    }

    private Lane lane(String key) {
        return lanes.computeIfAbsent(key, k -> new Lane(limitsOf(k)));
    }

    private static String key(URI baseUrl) {
        return BaseUrl.parse(baseUrl.toString()).toString();
    }

    private RequestLimits limitsOf(String key) {
        return configured.getOrDefault(key, defaults);
    }

    private void submitQuietly(Runnable task) {
        try {
            submit(task);
        } catch (RejectedExecutionException e) {
            // shut down: nothing is waiting any more
        }
    }

    /**
     * Stops the scheduler's threads. Requests still queued end at once: each wait fails with a
     * {@link CommunicationException} saying the client's threads were shut down (the run goes on in
     * Ish CD); one in flight ends the same way when its answer comes.
     */
    public void shutdown() {
        try {
            thread.execute(() -> {
                for (Lane lane : lanes.values()) {
                    for (ScheduledRequest r = lane.poll(); r != null; r = lane.poll()) {
                        r.queued = false;
                        r.abandon();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            return; // already shut down
        }
        thread.shutdown();
        if (events instanceof ExecutorService) {
            ((ExecutorService) events).shutdown();
        }
    }

    /**
     * @param baseUrl an API base URL
     * @return its requests queued and in flight now, and the most in flight at once so far; all 0
     *     for a base URL that has had no request. For diagnostics and benchmarks; any thread.
     */
    @NonNull
    public LaneLoad load(@NonNull URI baseUrl) {
        Lane lane = lanes.get(key(baseUrl));
        return lane == null ? new LaneLoad(0, 0, 0) : lane.load();
    }
}
