package io.jenkins.plugins.ishcd.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One wait for one run: a chain of scheduled polls, holding no thread between them. Each step runs
 * after the previous one completed, so the mutable state is confined to one step at a time.
 */
final class RunWaiter {
    private static final Logger LOGGER = Logger.getLogger(RunWaiter.class.getName());
    /** The longest pause a {@code Retry-After} can impose on a poll, unless the maximum interval is longer. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final IshCdClient client;
    private final JobRef job;
    private final String runId;
    private final WaitOptions options;
    private final RunListener listener;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final CompletableFuture<Run> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();

    private volatile Future<?> pending;
    private String lastRawStatus;
    private RunStatus lastStatus;
    private Run lastSeen;
    private int step;
    private int consecutiveFailures;
    private long unknownSinceNanos = -1;

    RunWaiter(IshCdClient client, JobRef job, String runId, RunStatus lastKnown, WaitOptions options,
            RunListener listener, ScheduledExecutorService scheduler) {
        this.client = client;
        this.job = job;
        this.runId = runId;
        this.lastStatus = lastKnown;
        this.lastRawStatus = lastKnown == null ? null : lastKnown.wireName();
        this.options = options;
        this.listener = listener;
        this.scheduler = scheduler;
        this.backoff = new Backoff(options);
    }

    CompletableFuture<Run> start(Duration firstDelay) {
        result.whenComplete((r, e) -> {
            Future<?> p = pending;
            if (result.isCancelled() && p != null) {
                p.cancel(true);
            }
        });
        schedule(firstDelay);
        return result;
    }

    private void schedule(Duration delay) {
        if (result.isDone()) {
            return;
        }
        Duration wait = delay;
        if (options.timeout() != null) {
            // The last poll falls on the deadline, so a run ending just before it is still seen.
            Duration left = options.timeout().minusNanos(System.nanoTime() - startNanos);
            wait = left.isNegative() ? Duration.ZERO : (left.compareTo(delay) < 0 ? left : delay);
        }
        try {
            pending = scheduler.schedule(this::poll, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // A shut-down scheduler (Jenkins stopping, a closed executor): say so rather than hang.
            result.completeExceptionally(new CommunicationException("Stopped waiting for Ish CD run " + runId + " of "
                    + job + ": the Ish CD client's threads were shut down. The run goes on in Ish CD.", 0, job, runId, e));
        }
    }

    private void poll() {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<Run> read = client.getRunAsync(job, runId);
        pending = read;
        read.whenComplete((run, error) -> {
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
                result.completeExceptionally(new IshCdException("Unexpected failure while waiting for Ish CD run "
                        + runId + " of " + job + " (" + e + "); the run goes on in Ish CD.", 0, job, runId, false, e));
            }
        });
    }

    private void onRun(Run run) {
        consecutiveFailures = 0;
        lastSeen = run;
        if (!run.rawStatus().equals(lastRawStatus)) {
            RunStatus previous = lastStatus;
            lastRawStatus = run.rawStatus();
            lastStatus = run.status();
            step = 0; // activity: look again soon
            notify(() -> listener.onStatusChanged(job, run, previous));
        }
        if (run.status().isFinished()) {
            result.complete(run);
            return;
        }
        if (run.status() == RunStatus.UNKNOWN) {
            long now = System.nanoTime();
            if (unknownSinceNanos < 0) {
                unknownSinceNanos = now;
            } else if (now - unknownSinceNanos > options.unknownStatusLimit().toNanos()) {
                result.completeExceptionally(new ProtocolException("Ish CD has reported status '" + run.rawStatus()
                        + "' for run " + runId + " of " + job + " for more than "
                        + Durations.format(options.unknownStatusLimit()) + "; this client knows only queued, running,"
                        + " complete and error, so it stopped waiting. The run may go on: check it in Ish CD.",
                        200, job, runId, false, null));
                return;
            }
        } else {
            unknownSinceNanos = -1;
        }
        if (timedOut()) {
            return;
        }
        schedule(backoff.delay(step++));
    }

    private void onFailure(Throwable error) {
        if (error instanceof CancellationException) {
            return;
        }
        IshCdException e = error instanceof IshCdException ? (IshCdException) error
                : new IshCdException("Unexpected failure while waiting for Ish CD run " + runId + " of " + job + ": "
                        + error, 0, job, runId, false, error);
        if (!e.isTransient()) {
            result.completeExceptionally(e);
            return;
        }
        consecutiveFailures++;
        if (consecutiveFailures > options.maxConsecutiveFailures()) {
            result.completeExceptionally(Failures.withMessage(e, e.getMessage() + " Gave up after "
                    + consecutiveFailures + " failed polls in a row; the run may go on in Ish CD."));
            return;
        }
        if (timedOut()) {
            return;
        }
        Duration delay = backoff.delay(step++);
        Duration asked = e instanceof RateLimitedException ? ((RateLimitedException) e).retryAfter().orElse(null)
                : e instanceof ServerException ? ((ServerException) e).retryAfter().orElse(null) : null;
        if (asked != null && asked.compareTo(delay) > 0) {
            // Honoured, within reason: a server asking for hours would hide the run's end for hours.
            Duration cap = options.maxInterval().compareTo(MAX_RETRY_AFTER) > 0 ? options.maxInterval() : MAX_RETRY_AFTER;
            delay = asked.compareTo(cap) > 0 ? cap : asked;
        }
        Duration retryIn = delay;
        int failures = consecutiveFailures;
        notify(() -> listener.onPollFailed(job, runId, e, failures, retryIn));
        schedule(delay);
    }

    /** Fails the wait if the overall timeout has passed; @return whether it had. */
    private boolean timedOut() {
        if (options.timeout() == null || System.nanoTime() - startNanos < options.timeout().toNanos()) {
            return false;
        }
        String status = lastSeen == null ? "" : "; its last status was '" + lastSeen.rawStatus() + "'";
        result.completeExceptionally(new WaitTimeoutException("Stopped waiting for Ish CD run " + runId + " of " + job
                + " after the timeout of " + Durations.format(options.timeout()) + status
                + ". The run goes on in Ish CD, which has no way to cancel it.", job, runId, lastSeen));
        return true;
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
