package io.jenkins.plugins.ishcd.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One trigger of a run and its attempts, queued in {@link RequestScheduler} like a poll. Creating a
 * run is not idempotent, so a POST is sent again only when the server certainly did not act on it:
 * the connection was never established; the body never left this JVM (a pooled connection the
 * server had closed, seen through {@code Expect: 100-continue}); or it answered 429, which a server
 * sends before acting. Cancelling the result stops further attempts but never recalls one already
 * sent: if that one creates a run, the listener still hears of it, so its id is never lost.
 */
final class Trigger extends ScheduledRequest {
    /** A server asking for a longer pause than this gets a clear failure rather than a silent hang. */
    static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(1);
    /**
     * JDK 17 and 18 hang on a final answer to {@code Expect: 100-continue} (JDK-8286171, fixed in 19),
     * so there a trigger goes without it and a closed pooled connection stays "may have been created".
     */
    static final boolean EXPECT_CONTINUE_WORKS = Runtime.version().feature() >= 19;

    private final HttpExchange exchange;
    private final URI uri;
    private final String body;
    private final Call call;
    private final RunListener listener;
    private final int maxAttempts;
    private final Duration firstDelay;
    final CompletableFuture<Run> result = new CompletableFuture<>();
    private int attempts;
    private boolean expectContinue;

    Trigger(RequestScheduler scheduler, String lane, HttpExchange exchange, URI uri, RunRequest request,
            RunListener listener, int maxAttempts, Duration firstDelay, boolean expectContinue) {
        super(scheduler, lane);
        this.exchange = exchange;
        this.uri = uri;
        this.body = RunJson.requestBody(request);
        this.call = Call.trigger(request.job());
        this.listener = listener;
        this.maxAttempts = maxAttempts;
        this.firstDelay = firstDelay;
        this.expectContinue = expectContinue && EXPECT_CONTINUE_WORKS;
    }

    CompletableFuture<Run> start() {
        try {
            scheduler.submit(() -> scheduler.queue(this, scheduler.now()));
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    submitOrAbandon(() -> scheduler.withdraw(this));
                }
            });
        } catch (RejectedExecutionException e) {
            abandon();
        }
        return result;
    }

    @Override
    void dispatch(long now) {
        if (result.isDone()) { // cancelled before its turn: never send
            scheduler.answered(this);
            return;
        }
        attempts++;
        WatchedBody watched = new WatchedBody(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpRequest request = exchange.newRequest(uri).expectContinue(expectContinue).POST(watched).build();
        exchange.send(request, call, RunJson::run).whenComplete((run, error) -> {
            if (run != null) {
                // Reported even if the caller stopped meanwhile: the run exists and goes on.
                scheduler.deliver(() -> {
                    RunWaiter.notify(() -> listener.onTriggered(call.job, run));
                    result.complete(run);
                });
            }
            boolean bodyLeft = watched.started();
            try {
                scheduler.submit(() -> {
                    scheduler.answered(this);
                    if (error != null) {
                        retryOrFail(exchange.failures().fromThrowable(call, error), bodyLeft);
                    }
                });
            } catch (RejectedExecutionException e) {
                if (error != null) {
                    abandon();
                }
            }
        });
    }

    private void retryOrFail(IshCdException failure, boolean bodyLeft) {
        IshCdException e = failure;
        boolean notSent = !bodyLeft && expectContinue && e instanceof CommunicationException;
        if (notSent) {
            e = exchange.failures().fromThrowable(call, e.getCause(), true);
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                expectContinue = false; // no 100 Continue in time: perhaps a proxy that ignores Expect
            }
        }
        Duration pause = attempts < maxAttempts && !result.isDone() ? retryPause(e, notSent) : null;
        if (pause == null) {
            IshCdException last = e;
            scheduler.deliver(() -> result.completeExceptionally(last));
            return;
        }
        scheduler.heard(this, e);
        scheduler.queue(this, scheduler.now() + pause.toNanos());
        IshCdException why = e;
        int n = attempts;
        scheduler.deliver(() -> RunWaiter.notify(() -> listener.onTriggerRetry(call.job, why, n, pause)));
    }

    /** @return the pause before sending again, or null when the POST must not be sent again */
    private Duration retryPause(IshCdException e, boolean notSent) {
        Duration backoff = firstDelay.multipliedBy(1L << Math.min(attempts - 1, 20));
        Duration pause = null;
        if (e instanceof RateLimitedException) {
            pause = ((RateLimitedException) e).retryAfter().orElse(backoff);
        } else if (e instanceof CommunicationException && (notSent || Failures.certainlyNotSent(e.getCause()))) {
            pause = backoff;
        }
        return pause == null || pause.compareTo(MAX_RETRY_PAUSE) > 0 ? null : pause;
    }

    @Override
    void abandon() {
        result.completeExceptionally(exchange.failures().shutDown(call, attempts > 0));
    }

}
