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
    private RunReport() {}

    /**
     * @param job the job @param run the run as triggered
     * @return e.g. {@code Triggered Ish CD job my-corp/deploy: run 3abed1d7-... is queued.}
     */
    @NonNull
    public static String queued(@NonNull JobRef job, @NonNull Run run) {
        return "Triggered Ish CD job " + job + ": run " + run.id() + " is " + run.rawStatus() + ".";
    }

    /**
     * @param job the job @param run the run as just read
     * @return e.g. {@code Ish CD run 3abed1d7-... is running.}, {@code ... failed (status error).}, or a
     *     sentence saying the status is unknown
     */
    @NonNull
    public static String statusChanged(@NonNull JobRef job, @NonNull Run run) {
        if (run.status() == RunStatus.UNKNOWN) {
            return "Ish CD run " + run.id() + " of " + job + " reports status '" + run.rawStatus()
                    + "', which this client does not know; still waiting.";
        }
        if (run.status() == RunStatus.ERROR) {
            return "Ish CD run " + run.id() + " failed (status error).";
        }
        return "Ish CD run " + run.id() + " is " + run.rawStatus() + ".";
    }

    /**
     * @param job the job @param runId the run @param failure what went wrong
     * @param attempt failures in a row so far @param retryIn when the next poll is due
     * @return e.g. {@code Could not read Ish CD run X (HTTP 502 ...); trying again in 4 s (failure 1 in a row).}
     */
    @NonNull
    public static String pollFailed(@NonNull JobRef job, @NonNull String runId, @NonNull IshCdException failure,
            int attempt, @NonNull Duration retryIn) {
        return failure.getMessage() + " Trying again in " + Durations.format(retryIn) + " (failure " + attempt
                + " in a row).";
    }

    /**
     * @param job the job @param run the finished run
     * @return e.g. {@code Ish CD run 3abed1d7-... of my-corp/deploy ended complete after 26 s.}
     */
    @NonNull
    public static String summary(@NonNull JobRef job, @NonNull Run run) {
        String outcome = run.status() == RunStatus.ERROR ? "in error" : run.rawStatus();
        return "Ish CD run " + run.id() + " of " + job + " ended " + outcome + " after "
                + Durations.format(run.duration()) + ".";
    }

    /**
     * The failure of a build or command whose run ended in {@code error}.
     *
     * @param job the job @param run the finished run
     * @return a sentence naming the run and what to do
     */
    @NonNull
    public static String endedInError(@NonNull JobRef job, @NonNull Run run) {
        return "Ish CD run " + run.id() + " of " + job + " ended in error: see its log above, fix the cause in Ish CD"
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
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return runId == null || message.contains(runId) ? message : message + " (Ish CD run " + runId + ")";
    }

    /**
     * For an abort or a timeout of the caller's own: the remote run is not stopped.
     *
     * @param job the job @param runId the run
     * @return a sentence naming the run and saying it goes on
     */
    @NonNull
    public static String stillRunning(@NonNull JobRef job, @NonNull String runId) {
        return "Stopped waiting for Ish CD run " + runId + " of " + job
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
}
