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
        pending = scheduler.schedule(this::poll, wait.toNanos(), TimeUnit.NANOSECONDS);
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
                result.completeExceptionally(e);
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
            result.completeExceptionally(new IshCdException(e.getMessage() + " Gave up after " + consecutiveFailures
                    + " failed polls in a row; the run may go on in Ish CD.", e.httpStatus(), job, runId, false, e));
            return;
        }
        if (timedOut()) {
            return;
        }
        Duration delay = backoff.delay(step++);
        Duration asked = e instanceof RateLimitedException ? ((RateLimitedException) e).retryAfter().orElse(null)
                : e instanceof ServerException ? ((ServerException) e).retryAfter().orElse(null) : null;
        if (asked != null && asked.compareTo(delay) > 0) {
            delay = asked;
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
