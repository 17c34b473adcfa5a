package io.jenkins.plugins.ishcd.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One wait for one run: an entry of {@link RequestScheduler}, queued again after each answer at the
 * time {@link PollTiming} says (the back-off, or the job's expected duration), until the run ends,
 * fails or times out. Its state is touched only on the
 * scheduler's thread; listener calls and the completion go to the events thread, in order. It keeps
 * no request, URI or thread between polls: a few hundred bytes per wait.
 */
final class RunWaiter extends ScheduledRequest {
    private static final Logger LOGGER = Logger.getLogger(RunWaiter.class.getName());
    /** The longest pause a {@code Retry-After} can impose on a poll, unless the maximum interval is longer. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final IshCdClient client;
    private final JobRef job;
    private final String runId;
    private final WaitOptions options;
    private final RunListener listener;
    final CompletableFuture<Run> result = new CompletableFuture<>();
    private long start;
    private long changedAt;
    private CompletableFuture<Run> read;
    private String lastRawStatus;
    private RunStatus lastStatus;
    private Run lastSeen;
    private int step;
    private int failures;
    private boolean unknown;
    private long unknownSince;

    RunWaiter(IshCdClient client, JobRef job, String runId, RunStatus lastKnown, WaitOptions options,
            RunListener listener) {
        super(client.scheduler(), client.lane());
        this.client = client;
        this.job = job;
        this.runId = runId;
        this.lastStatus = lastKnown;
        this.lastRawStatus = lastKnown == null ? null : lastKnown.wireName();
        this.options = options;
        this.listener = listener;
    }

    /**
     * @param firstPoll the delay before the first poll, or null to spread it over
     *     {@code [0, initialInterval)} so that waits started together do not poll together
     * @return the finished run
     */
    CompletableFuture<Run> start(Duration firstPoll) {
        try {
            scheduler.submit(() -> {
                start = scheduler.now();
                changedAt = start;
                Duration delay = firstPoll != null ? firstPoll : Backoff.spread(options.initialInterval());
                queueWithin(delay);
            });
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    submitOrAbandon(this::withdraw);
                }
            });
        } catch (RejectedExecutionException e) {
            abandon();
        }
        return result;
    }

    @Override
    void dispatch(long now) {
        if (result.isDone()) {
            scheduler.answered(this);
            return;
        }
        read = client.getRunAsync(job, runId);
        read.whenComplete((run, error) -> submitOrAbandon(() -> {
            scheduler.answered(this);
            read = null;
            if (result.isDone()) {
                return;
            }
            try {
                if (error == null) {
                    onRun(run);
                } else {
                    onFailure(Failures.unwrap(error));
                }
            } catch (RuntimeException e) {
                fail(WaitFailures.unexpected(job, runId, e));
            }
        }));
    }

    private void onRun(Run run) {
        failures = 0;
        lastSeen = run;
        if (!run.rawStatus().equals(lastRawStatus)) {
            RunStatus previous = lastStatus;
            lastRawStatus = run.rawStatus();
            lastStatus = run.status();
            step = 0; // activity: look again soon
            changedAt = scheduler.now();
            scheduler.deliver(() -> notify(() -> listener.onStatusChanged(job, run, previous)));
        }
        if (run.status().isFinished()) {
            scheduler.deliver(() -> result.complete(run));
            return;
        }
        if (run.status() != RunStatus.UNKNOWN) {
            unknown = false;
        } else if (!unknown) {
            unknown = true;
            unknownSince = scheduler.now();
        } else if (scheduler.now() - unknownSince > options.unknownStatusLimit().toNanos()) {
            fail(WaitFailures.unknownStatus(job, runId, run.rawStatus(), options.unknownStatusLimit()));
            return;
        }
        Duration sinceChange = Duration.ofNanos(scheduler.now() - changedAt);
        queueWithin(PollTiming.delay(options, options.expected(), run, sinceChange, step++));
    }

    private void onFailure(Throwable error) {
        if (error instanceof CancellationException) {
            return;
        }
        IshCdException e = error instanceof IshCdException ? (IshCdException) error
                : WaitFailures.unexpected(job, runId, error);
        if (!e.isTransient()) {
            fail(Failures.withMessage(e, e.getMessage() + " Stopped waiting for run " + RunReport.printable(runId)
                    + (e instanceof NotFoundException ? "." : ", which may go on in Ish CD.")));
            return;
        }
        scheduler.heard(this, e);
        if (++failures > options.maxConsecutiveFailures()) {
            fail(WaitFailures.gaveUp(e, failures));
            return;
        }
        Duration delay = Backoff.delay(options, step++);
        Duration asked = Failures.retryAfter(e).orElse(null);
        if (asked != null && asked.compareTo(delay) > 0) {
            // Honoured, within reason: a server asking for hours would hide the run's end for hours.
            Duration cap = options.maxInterval().compareTo(MAX_RETRY_AFTER) > 0 ? options.maxInterval() : MAX_RETRY_AFTER;
            delay = asked.compareTo(cap) > 0 ? cap : asked;
        }
        Duration retryIn = delay;
        int n = failures;
        scheduler.deliver(() -> notify(() -> listener.onPollFailed(job, runId, e, n, retryIn)));
        queueWithin(delay);
    }

    /** Queues the next poll after {@code delay}, or on the deadline if that comes first; fails if it has passed. */
    private void queueWithin(Duration delay) {
        long now = scheduler.now();
        long due = now + delay.toNanos();
        if (options.timeout() != null) {
            long deadline = start + options.timeout().toNanos();
            if (now - deadline >= 0) {
                fail(WaitFailures.timedOut(job, runId, options.timeout(), lastSeen));
                return;
            }
            // The last poll falls on the deadline, so a run ending just before it is still seen.
            due = due - deadline > 0 ? deadline : due;
        }
        scheduler.queue(this, due);
        if (listener != RunListener.NONE) { // a task on the events thread per poll only for someone who listens
            Duration in = Duration.ofNanos(due - now);
            scheduler.deliver(() -> notify(() -> listener.onPollScheduled(job, runId, in)));
        }
    }

    private void withdraw() {
        scheduler.withdraw(this);
        if (read != null) {
            read.cancel(true);
        }
    }

    private void fail(IshCdException e) {
        scheduler.deliver(() -> result.completeExceptionally(e));
    }

    @Override
    void abandon() {
        result.completeExceptionally(client.failures().shutDown(Call.readRun(job, runId), true));
    }


    /** Runs a listener call; a failing listener must not break the wait. */
    static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "An Ish CD run listener failed", e);
        }
    }
}
