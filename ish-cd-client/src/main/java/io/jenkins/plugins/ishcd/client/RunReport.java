package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.util.Collection;

/**
 * The sentences a user reads about a run, shared by the command line tool and the Jenkins plugin so
 * both say the same thing. Each is one line without a trailing newline; none contains a variable's
 * value or the token.
 */
public final class RunReport {
    /** The longest server-sent id shown in a sentence. */
    static final int MAX_SHOWN = 200;

    private RunReport() {}

    /**
     * Server-sent text (a run id, a status) as it may be shown: a hostile server must not be able to
     * break a line or move a terminal's cursor. Only for display: requests keep the text as sent.
     *
     * @param text the text, may be null
     * @return the text with control and format characters replaced by {@code ?}, at most
     *     {@value #MAX_SHOWN} characters; {@code ""} for null
     */
    @NonNull
    public static String printable(String text) {
        return text == null ? "" : Sanitize.field(text, MAX_SHOWN);
    }

    /**
     * @param job the job @param run the run as triggered
     * @return e.g. {@code Triggered Ish CD job my-corp/deploy: run 3abed1d7-... is queued.}
     */
    @NonNull
    public static String queued(@NonNull JobRef job, @NonNull Run run) {
        return "Triggered Ish CD job " + job + ": run " + printable(run.id()) + " is " + run.rawStatus() + ".";
    }

    /**
     * @param job the job @param run the run as just read
     * @return e.g. {@code Ish CD run 3abed1d7-... is running.}, {@code Ish CD run 3abed1d7-... has ended.}
     *     (its outcome is told by {@link #summary}, after the log), or a sentence saying the status is unknown
     */
    @NonNull
    public static String statusChanged(@NonNull JobRef job, @NonNull Run run) {
        String id = printable(run.id());
        if (run.status() == RunStatus.UNKNOWN) {
            return "Ish CD run " + id + " of " + job + " reports status '" + run.rawStatus()
                    + "', which this client does not know; still waiting.";
        }
        if (run.status().isFinished()) {
            return "Ish CD run " + id + " has ended.";
        }
        return "Ish CD run " + id + " is " + run.status().wireName() + ".";
    }

    /**
     * @param job the job @param runId the run @param failure what went wrong
     * @param attempt failures in a row so far @param retryIn when the next poll is due
     * @return e.g. {@code Ish CD answered HTTP 502 when reading run X of my-corp/deploy. Trying again in 4 s
     *     (1 failed poll in a row).}
     */
    @NonNull
    public static String pollFailed(@NonNull JobRef job, @NonNull String runId, @NonNull IshCdException failure,
            int attempt, @NonNull Duration retryIn) {
        return failure.getMessage() + " Trying again in " + Durations.format(retryIn) + " (" + attempt + " failed poll"
                + (attempt == 1 ? "" : "s") + " in a row).";
    }

    /**
     * @param failure why the trigger failed @param attempt attempts so far @param retryIn when the next goes
     * @return e.g. {@code Ish CD is limiting the rate of requests (HTTP 429) when triggering a run of
     *     my-corp/deploy; it asked to retry after 20 s. No run was created; sending it again in 20 s (attempt 2).}
     */
    @NonNull
    public static String triggerRetry(@NonNull IshCdException failure, int attempt, @NonNull Duration retryIn) {
        return failure.getMessage() + " No run was created; sending it again in " + Durations.format(retryIn)
                + " (attempt " + (attempt + 1) + ").";
    }

    /**
     * @param job the job @param run the finished run
     * @return {@code Ish CD run 3abed1d7-... of my-corp/deploy completed in 26 s.} or {@code ... ended in
     *     error after 26 s.} ({@code within a second} for a duration of 0); for a run not finished, its
     *     status so far
     */
    @NonNull
    public static String summary(@NonNull JobRef job, @NonNull Run run) {
        // The API counts whole seconds: 0 is a run shorter than a second.
        boolean quick = run.durationSeconds() == 0;
        String took = Durations.format(run.duration());
        String outcome = run.status() == RunStatus.COMPLETE ? (quick ? "completed within a second" : "completed in " + took)
                : run.status() == RunStatus.ERROR ? (quick ? "ended in error within a second" : "ended in error after " + took)
                : "is " + run.rawStatus() + " after " + took;
        return "Ish CD run " + printable(run.id()) + " of " + job + " " + outcome + ".";
    }

    /**
     * The failure of a build or command whose run ended in {@code error}.
     *
     * @param job the job @param run the finished run
     * @return a sentence naming the run and what to do
     */
    @NonNull
    public static String endedInError(@NonNull JobRef job, @NonNull Run run) {
        return "Ish CD run " + printable(run.id()) + " of " + job + " ended in error: see its log above, fix the cause in Ish CD"
                + " or in the variables passed, and run it again.";
    }

    /**
     * For a process that stopped between sending a trigger and reading its answer (a restart, a kill):
     * the run may or may not exist, and triggering again might run the job twice.
     *
     * @param job the job
     * @return a sentence saying so and what to do
     */
    @NonNull
    public static String triggerInterrupted(@NonNull JobRef job) {
        return "Stopped while triggering Ish CD job " + job + ", before Ish CD answered with a run id: a run may have"
                + " been created; check the job's runs in Ish CD before running it again.";
    }

    /**
     * A failure's message with the run it concerns, so a created run is always reported.
     *
     * @param failure what went wrong
     * @param runId the run created before it, or null
     * @return the message, followed by {@code (Ish CD run <id>)} unless it already names that run
     */
    @NonNull
    public static String withRunId(@NonNull Throwable failure, String runId) {
        return withRunId(failure.getMessage() == null ? failure.toString() : failure.getMessage(), runId);
    }

    /**
     * @param message a sentence about a failure
     * @param runId the run created before it, or null
     * @return the message, followed by {@code (Ish CD run <id>)} unless it already names that run
     */
    @NonNull
    public static String withRunId(@NonNull String message, String runId) {
        String shown = printable(runId);
        return runId == null || message.contains(shown) ? message : message + " (Ish CD run " + shown + ")";
    }

    /**
     * For an abort or a timeout of the caller's own: the remote run is not stopped.
     *
     * @param job the job @param runId the run
     * @return a sentence naming the run and saying it goes on
     */
    @NonNull
    public static String stillRunning(@NonNull JobRef job, @NonNull String runId) {
        return "Stopped waiting for Ish CD run " + printable(runId) + " of " + job
                + ". The run goes on in Ish CD, which has no way to cancel it.";
    }

    /**
     * @param job the job @param envNames the names of the run's variables
     * @return {@code my-corp/deploy}, or {@code my-corp/deploy (env: BRANCH, TAG)}: names only, never values
     */
    @NonNull
    public static String label(@NonNull JobRef job, @NonNull Collection<String> envNames) {
        return envNames.isEmpty() ? job.toString() : job + " (env: " + Env.describeNames(envNames) + ")";
    }

    /**
     * @param job the job
     * @param runId a run that exists already
     * @return e.g. {@code Waiting for Ish CD run 3abed1d7 of my-corp/deploy.}
     */
    @NonNull
    public static String waitingFor(@NonNull JobRef job, @NonNull String runId) {
        return "Waiting for Ish CD run " + printable(runId) + " of " + job + ".";
    }

    /**
     * @param job the job
     * @param runId the run created before the restart
     * @return e.g. {@code After a restart, waiting again for Ish CD run 3abed1d7 of my-corp/deploy.}
     */
    @NonNull
    public static String waitingAgain(@NonNull JobRef job, @NonNull String runId) {
        return "After a restart, waiting again for Ish CD run " + printable(runId) + " of " + job + ".";
    }

    /**
     * A restart came between sending a trigger and reading its answer: the id was never learned.
     *
     * @param job the job
     * @return a sentence saying a run may exist and what to do
     */
    @NonNull
    public static String restartedWhileTriggering(@NonNull JobRef job) {
        return "A restart came while triggering Ish CD job " + job + ", before Ish CD answered with a run id: a run"
                + " may have been created; check the job's runs in Ish CD before running it again.";
    }

    /**
     * @param job the job
     * @return a sentence saying the restart came before any trigger was sent, so no run exists
     */
    @NonNull
    public static String restartedBeforeTrigger(@NonNull JobRef job) {
        return "A restart came before Ish CD job " + job + " was triggered: no run was created; start it again.";
    }

    /**
     * @param job the job @param runId the run @param before the API URL the run was waited on so far
     * @param now the API URL configured now
     * @return a sentence saying where the wait goes on
     */
    @NonNull
    public static String apiUrlChanged(@NonNull JobRef job, @NonNull String runId, @NonNull String before,
            @NonNull String now) {
        return "The Ish CD API URL is now " + now + " (it was " + before + "): waiting for run " + printable(runId) + " of " + job
                + " there.";
    }

    /**
     * @param job the job @param runId the run
     * @return a sentence saying the token is looked up again after Ish CD refused it during a wait
     */
    @NonNull
    public static String tokenRefusedLookingAgain(@NonNull JobRef job, @NonNull String runId) {
        return "Ish CD refused the API token while waiting for run " + printable(runId) + " of " + job + ": looking up the"
                + " credential again and going on with the token it holds now.";
    }

    /**
     * The heartbeat of a long wait, so that it does not look hung.
     *
     * @param job the job @param runId the run @param status its last status, as Ish CD wrote it
     * @param sinceTrigger how long ago the run was created
     * @return e.g. {@code Ish CD run X of my-corp/deploy is still running, 10 min after it was triggered.}
     */
    @NonNull
    public static String stillWaiting(@NonNull JobRef job, @NonNull String runId, @NonNull String status,
            @NonNull Duration sinceTrigger) {
        return "Ish CD run " + printable(runId) + " of " + job + " is still " + printable(status) + ", "
                + Durations.format(sinceTrigger.isNegative() ? Duration.ZERO : sinceTrigger)
                + " after it was triggered.";
    }

    /**
     * A failure that is not one of Ish CD's or the user's (a defect): what happened to the run, in
     * one sentence; the stack trace belongs in the system log.
     *
     * @param job the job @param runId the run, or null when none is known
     * @param triggerSent whether a trigger was sent, so a run may exist without an id
     * @param failure what went wrong
     * @return the sentence
     */
    @NonNull
    public static String unexpected(@NonNull JobRef job, String runId, boolean triggerSent,
            @NonNull Throwable failure) {
        String what = "an unexpected " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        if (runId != null) {
            return "Stopped waiting for Ish CD run " + printable(runId) + " of " + job + " after " + what + "; the run goes on in"
                    + " Ish CD (details in the system log).";
        }
        return "Triggering Ish CD job " + job + " ended with " + what + (triggerSent
                ? ": a run may have been created; check the job's runs in Ish CD before running it again"
                : ": no run was created") + " (details in the system log).";
    }
}
