package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/**
 * Sees what happens to a run while it is triggered and waited for: for console output and
 * progress. Methods are called one at a time, in order, on the events thread of
 * {@link RequestScheduler}, which every wait in the JVM shares: they must return quickly and never
 * block, and must not call the blocking methods of {@link IshCdClient} (that could stall every
 * wait's events). An exception thrown here is logged and otherwise ignored.
 */
public interface RunListener {
    /** A listener that does nothing. */
    RunListener NONE = new RunListener() {};

    /**
     * The run was created (queued). Called once, before any poll; also when the caller cancelled
     * while the trigger was under way, so that the id of a run that goes on is never lost.
     *
     * @param job the job
     * @param run the run as the trigger returned it
     */
    default void onTriggered(@NonNull JobRef job, @NonNull Run run) {}

    /**
     * A poll saw a status other than the last one known; not called for polls that saw no change.
     *
     * @param job the job
     * @param run the run as just read
     * @param previous the status known before, or null when the wait started without one
     */
    default void onStatusChanged(@NonNull JobRef job, @NonNull Run run, @CheckForNull RunStatus previous) {}

    /**
     * A poll failed in a way that may pass; the wait goes on.
     *
     * @param job the job
     * @param runId the run
     * @param failure what went wrong
     * @param consecutiveFailures how many polls in a row have failed, from 1
     * @param retryIn when the next poll is due
     */
    default void onPollFailed(
            @NonNull JobRef job,
            @NonNull String runId,
            @NonNull IshCdException failure,
            int consecutiveFailures,
            @NonNull Duration retryIn) {}

    /**
     * The next poll is queued; for a live status line ("next check in 12 s"). Called once when the
     * wait starts (its first poll) and after every answer while the wait goes on.
     *
     * @param job the job
     * @param runId the run
     * @param nextPollIn when the next poll is due; it goes later if the base URL's request budget is spent
     */
    default void onPollScheduled(@NonNull JobRef job, @NonNull String runId, @NonNull Duration nextPollIn) {}

    /**
     * A trigger the server certainly did not act on (a 429, a connection never made, a body that
     * never left) will be sent again; no run exists yet.
     *
     * @param job the job
     * @param failure why the attempt failed
     * @param attempt the attempts made so far, from 1
     * @param retryIn when the next attempt goes
     */
    default void onTriggerRetry(@NonNull JobRef job, @NonNull IshCdException failure, int attempt,
            @NonNull Duration retryIn) {}
}
