package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.ishcd.client.IshCdException;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunReport;
import io.jenkins.plugins.ishcd.client.RunStatus;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Writes what happens to a run while it is waited for to the build's console (one line per status
 * change, not per poll) and to the build page. Called on the client's threads: saving the build is
 * handed to a background thread.
 */
final class IshRunConsole implements RunListener {

    private final TaskListener listener;
    private final IshRunAction action;
    private final IshRunRecord record;
    private final Consumer<Run> onStatus;

    IshRunConsole(TaskListener listener, IshRunAction action, IshRunRecord record, Consumer<Run> onStatus) {
        this.listener = listener;
        this.action = action;
        this.record = record;
        this.onStatus = onStatus;
    }

    @Override
    public void onStatusChanged(@NonNull JobRef job, @NonNull Run run, RunStatus previous) {
        listener.getLogger().println(RunReport.statusChanged(job, run));
        onStatus.accept(run);
        IshCdThreads.background().execute(() -> action.update(record, run));
    }

    @Override
    public void onPollFailed(
            @NonNull JobRef job,
            @NonNull String runId,
            @NonNull IshCdException failure,
            int consecutiveFailures,
            @NonNull Duration retryIn) {
        listener.getLogger().println(RunReport.pollFailed(job, runId, failure, consecutiveFailures, retryIn));
    }
}
