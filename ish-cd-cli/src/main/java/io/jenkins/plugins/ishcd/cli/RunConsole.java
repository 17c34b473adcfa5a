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
import java.util.Map;

/**
 * What a person sees of a run: the run id as soon as it is queued, each status change and each
 * tolerated polling failure on standard error, as they happen, with a {@link WaitProgress} between
 * them; then the log on standard output and a summary on standard error. With {@code json}, standard
 * output carries only the final run object (standard error still tells the story).
 *
 * <p>The sentences are the client's {@link RunReport}, so the command line and the Jenkins console
 * say the same thing. Listener calls come from the client's threads, one at a time. A failed write to
 * standard output is a failure of its own ({@link ExitCode#OUTPUT_FAILED}), not a silent loss.
 */
final class RunConsole implements RunListener, AutoCloseable {
    private final Terminal terminal;
    private final boolean json;
    private final WaitProgress progress;
    private volatile String runId;

    /** A console for reading a run once: no progress is shown. */
    RunConsole(@NonNull Terminal terminal, boolean json) {
        this(terminal, json, null);
    }

    /**
     * @param terminal where to write
     * @param json whether standard output carries only the run object
     * @param progress what shows that a wait goes on, started once the run exists; null for none
     */
    RunConsole(@NonNull Terminal terminal, boolean json, @CheckForNull WaitProgress progress) {
        this.terminal = terminal;
        this.json = json;
        this.progress = progress;
    }

    /** @return the id of the run once triggered, or null before */
    @CheckForNull
    String runId() {
        return runId;
    }

    @Override
    public void onTriggered(@NonNull JobRef job, @NonNull Run run) {
        runId = run.id();
        say(RunReport.queued(job, run));
        terminal.onInterrupt(RunReport.stillRunning(job, run.id()));
        if (progress != null) {
            progress.start(run.id(), run.rawStatus());
        }
    }

    @Override
    public void onStatusChanged(@NonNull JobRef job, @NonNull Run run, @CheckForNull RunStatus previous) {
        if (progress != null) {
            progress.status(run.rawStatus());
        }
        say(RunReport.statusChanged(job, run));
    }

    @Override
    public void onPollFailed(@NonNull JobRef job, @NonNull String runId, @NonNull IshCdException failure,
            int consecutiveFailures, @NonNull Duration retryIn) {
        if (progress != null) {
            progress.nextCheckIn(retryIn);
        }
        say(RunReport.pollFailed(job, runId, failure, consecutiveFailures, retryIn));
    }

    @Override
    public void onTriggerRetry(@NonNull JobRef job, @NonNull IshCdException failure, int attempt,
            @NonNull Duration retryIn) {
        say(RunReport.triggerRetry(failure, attempt, retryIn));
    }

    @Override
    public void onPollScheduled(@NonNull JobRef job, @NonNull String runId, @NonNull Duration nextPollIn) {
        if (progress != null) {
            progress.nextCheckIn(nextPollIn);
        }
    }

    /** Ends the progress display; call before writing anything else to standard error. Idempotent. */
    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }

    /**
     * Prints a run that was only queued ({@code --no-wait}): its id alone on standard output, so
     * that {@code id=$(ish-cd run --no-wait ...)} works, or the run object with {@code json}.
     *
     * @param job the job
     * @param run the run as triggered
     * @return {@link ExitCode#COMPLETE}, or {@link ExitCode#OUTPUT_FAILED} if standard output failed
     */
    int queued(@NonNull JobRef job, @NonNull Run run) {
        close();
        terminal.onInterrupt(null);
        PrintWriter out = terminal.out();
        out.println(json ? toJson(run) : run.id());
        if (out.checkError()) {
            terminal.say("ish-cd: Could not write the run id to standard output (a full disk or a closed pipe?): Ish CD"
                    + " run " + RunReport.printable(run.id()) + " of " + job + " was triggered and goes on.");
            return ExitCode.OUTPUT_FAILED;
        }
        return ExitCode.COMPLETE;
    }

    /**
     * Prints a run as it now is: the log (once finished) and a summary, or the run object with
     * {@code json}.
     *
     * @param job the job
     * @param run the run as last read
     * @return {@link ExitCode#OUTPUT_FAILED} if standard output failed, else {@link ExitCode#RUN_ERROR}
     *     for a run in {@code error}, else {@link ExitCode#COMPLETE}
     */
    int finished(@NonNull JobRef job, @NonNull Run run) {
        close();
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
        boolean lost = out.checkError(); // flushes
        if (run.status().isFinished()) {
            terminal.say(RunReport.summary(job, run));
        }
        if (lost) {
            String id = RunReport.printable(run.id());
            terminal.say("ish-cd: Could not write to standard output (a full disk or a closed pipe?), so what it shows"
                    + " of Ish CD run " + id + " is incomplete: fix that, then print the run again with '"
                    + terminal.command() + " get --project " + Shell.quote(job.project()) + " --job "
                    + Shell.quote(job.job()) + " --run " + Shell.quote(run.id()) + (json ? " --json" : "") + "'.");
            return ExitCode.OUTPUT_FAILED;
        }
        return run.status() == RunStatus.ERROR ? ExitCode.RUN_ERROR : ExitCode.COMPLETE;
    }

    private void say(String line) {
        if (progress != null) {
            progress.say(line);
        } else {
            terminal.say(line);
        }
    }

    /** The run object; without {@code log} while the run has not finished, as the API sends none then. */
    private static String toJson(Run run) {
        Map<String, Object> map = run.toMap();
        if (!run.status().isFinished() && !run.hasLog()) {
            map.remove("log");
        }
        try {
            return Json.WRITER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a map of strings and numbers always serializes
        }
    }

    /** Made on first use only: most runs print no JSON, and a mapper costs start-up time. */
    private static final class Json {
        static final ObjectMapper WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
