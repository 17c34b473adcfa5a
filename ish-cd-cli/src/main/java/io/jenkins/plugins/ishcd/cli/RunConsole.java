package io.jenkins.plugins.ishcd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.IshCdException;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunReport;
import io.jenkins.plugins.ishcd.client.RunStatus;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What a person sees of a run: the run id as soon as it is queued, each status change and each
 * tolerated polling failure on standard error, as they happen; then the log on standard output and a
 * summary on standard error. With {@code json}, standard output carries only the final run object
 * (standard error still tells the story).
 *
 * <p>The sentences are the client's {@link RunReport}, so the command line and the Jenkins console
 * say the same thing. Listener calls come from the client's threads, one at a time.
 */
final class RunConsole implements RunListener {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Terminal terminal;
    private final boolean json;
    private volatile String runId;

    RunConsole(@NonNull Terminal terminal, boolean json) {
        this.terminal = terminal;
        this.json = json;
    }

    /** @return the id of the run once triggered, or null before */
    @CheckForNull
    String runId() {
        return runId;
    }

    @Override
    public void onTriggered(@NonNull JobRef job, @NonNull Run run) {
        runId = run.id();
        terminal.say(RunReport.queued(job, run));
        terminal.onInterrupt(RunReport.stillRunning(job, run.id()));
    }

    @Override
    public void onStatusChanged(@NonNull JobRef job, @NonNull Run run, @CheckForNull RunStatus previous) {
        terminal.say(RunReport.statusChanged(job, run));
    }

    @Override
    public void onPollFailed(@NonNull JobRef job, @NonNull String runId, @NonNull IshCdException failure,
            int consecutiveFailures, @NonNull Duration retryIn) {
        terminal.say(RunReport.pollFailed(job, runId, failure, consecutiveFailures, retryIn));
    }

    /**
     * Prints a run that was only queued ({@code --no-wait}): its id alone on standard output, so
     * that {@code id=$(ish-cd run --no-wait ...)} works, or the run object with {@code json}.
     *
     * @param run the run as triggered
     * @return {@link ExitCode#COMPLETE}
     */
    int queued(@NonNull Run run) {
        terminal.onInterrupt(null);
        PrintWriter out = terminal.out();
        out.println(json ? toJson(run) : run.id());
        out.flush();
        return ExitCode.COMPLETE;
    }

    /**
     * Prints a run as it now is: the log (once finished) and a summary, or the run object with
     * {@code json}.
     *
     * @param job the job
     * @param run the run as last read
     * @return {@link ExitCode#RUN_ERROR} for a run in {@code error}, else {@link ExitCode#COMPLETE}
     */
    int finished(@NonNull JobRef job, @NonNull Run run) {
        terminal.onInterrupt(null);
        PrintWriter out = terminal.out();
        if (json) {
            out.println(toJson(run));
        } else if (run.hasLog()) {
            out.print(run.log());
            if (!run.log().endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
        if (run.status().isFinished()) {
            terminal.say(RunReport.summary(job, run));
        }
        return run.status() == RunStatus.ERROR ? ExitCode.RUN_ERROR : ExitCode.COMPLETE;
    }

    private static String toJson(Run run) {
        try {
            return JSON.writeValueAsString(run.toMap());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a map of strings and numbers always serializes
        }
    }
}
