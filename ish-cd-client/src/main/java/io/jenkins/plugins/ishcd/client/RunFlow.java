package io.jenkins.plugins.ishcd.client;

import java.util.concurrent.CompletableFuture;

/**
 * Trigger, then wait: {@link IshCdClient#runAsync}, the flow of the command line tool. The caller
 * gets one future; cancelling it stops further trigger attempts (one under way still reports its
 * run) or the polling, and the remote run goes on.
 */
final class RunFlow {
    private RunFlow() {}

    static CompletableFuture<Run> start(IshCdClient client, RunRequest request, WaitOptions options,
            RunListener listener) {
        CompletableFuture<Run> result = new CompletableFuture<>();
        CompletableFuture<Run> trigger = client.triggerAsync(request, listener);
        trigger.whenComplete((run, error) -> {
            if (error != null) {
                result.completeExceptionally(Failures.unwrap(error));
            } else if (run.status().isFinished()) {
                result.complete(run);
            } else if (!result.isDone()) {
                CompletableFuture<Run> wait = client.waitForAsync(request.job(), run.id(), run.status(),
                        options.initialInterval(), options, listener);
                wait.whenComplete((r, e) -> {
                    if (e == null) {
                        result.complete(r);
                    } else {
                        result.completeExceptionally(Failures.unwrap(e));
                    }
                });
                result.whenComplete((r, e) -> {
                    if (result.isCancelled()) {
                        wait.cancel(false);
                    }
                });
            }
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                trigger.cancel(false); // no further attempts; one under way still reports its run
            }
        });
        return result;
    }
}
