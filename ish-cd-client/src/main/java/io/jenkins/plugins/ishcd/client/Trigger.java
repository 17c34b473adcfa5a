package io.jenkins.plugins.ishcd.client;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One trigger of a run and its attempts. Creating a run is not idempotent, so a POST is sent
 * again only when the server certainly did not act on it: the connection was never established,
 * or it answered 429 (rate limiting happens before a request is acted on). Cancelling the result
 * stops further attempts but never recalls one already sent: if that one creates a run, the
 * listener still hears of it, so its id is never lost.
 */
final class Trigger {
    /** A server asking for a longer pause than this gets a clear failure rather than a silent hang. */
    static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(1);

    private final IshCdClient client;
    private final Failures failures;
    private final HttpRequest request;
    private final Call call;
    private final RunListener listener;
    private final ScheduledExecutorService scheduler;
    private final int maxAttempts;
    private final Duration firstDelay;
    private final CompletableFuture<Run> result = new CompletableFuture<>();
    private volatile Future<?> pendingRetry;

    Trigger(IshCdClient client, Failures failures, HttpRequest request, Call call, RunListener listener,
            ScheduledExecutorService scheduler, int maxAttempts, Duration firstDelay) {
        this.client = client;
        this.failures = failures;
        this.request = request;
        this.call = call;
        this.listener = listener;
        this.scheduler = scheduler;
        this.maxAttempts = maxAttempts;
        this.firstDelay = firstDelay;
    }

    CompletableFuture<Run> start() {
        result.whenComplete((r, e) -> {
            Future<?> retry = pendingRetry;
            if (result.isCancelled() && retry != null) {
                retry.cancel(false);
            }
        });
        attempt(1);
        return result;
    }

    private void attempt(int n) {
        if (result.isDone()) {
            return; // cancelled while a retry was pending: never send another POST
        }
        client.send(request, call, RunJson::run).whenComplete((run, error) -> {
            try {
                if (error == null) {
                    // Reported even if the caller stopped meanwhile: the run exists and goes on.
                    RunWaiter.notify(() -> listener.onTriggered(call.job, run));
                    result.complete(run);
                    return;
                }
                IshCdException e = failures.fromThrowable(call, error);
                Duration delay = n < maxAttempts ? retryDelay(e, n) : null;
                if (delay == null || result.isDone()) {
                    result.completeExceptionally(e);
                    return;
                }
                pendingRetry = scheduler.schedule(() -> attempt(n + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException x) {
                result.completeExceptionally(failures.fromThrowable(call, x));
            }
        });
    }

    /** @return the pause before sending again, or null when the POST must not be sent again */
    private Duration retryDelay(IshCdException e, int attempt) {
        Duration backoff = firstDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration pause = null;
        if (e instanceof RateLimitedException) {
            pause = ((RateLimitedException) e).retryAfter().orElse(backoff);
        } else if (e instanceof CommunicationException && Failures.certainlyNotSent(e.getCause())) {
            pause = backoff;
        }
        return pause == null || pause.compareTo(MAX_RETRY_PAUSE) > 0 ? null : pause;
    }
}
