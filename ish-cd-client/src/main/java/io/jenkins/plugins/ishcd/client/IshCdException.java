package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * A failure talking to Ish CD. Its message is one sentence naming what was being done
 * (project/job, run id once known), the HTTP status when there was one, and the fix where one is
 * known. It never contains the API token.
 *
 * <p>Subclasses say what kind of failure it was; {@link #isTransient()} says whether polling may
 * try again.
 */
public class IshCdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final JobRef job;
    private final String runId;
    private final boolean transientFailure;

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status, or 0 when no answer was received
     * @param job the job concerned, or null
     * @param runId the run concerned, or null when not known (yet)
     * @param transientFailure whether a later attempt may succeed
     * @param cause the underlying failure, or null
     */
    public IshCdException(
            String message,
            int httpStatus,
            @CheckForNull JobRef job,
            @CheckForNull String runId,
            boolean transientFailure,
            @CheckForNull Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.job = job;
        this.runId = runId;
        this.transientFailure = transientFailure;
    }

    /** @return the HTTP status of the answer, or 0 when there was none (network failure, timeout) */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the job concerned, or null for calls that concern no job (listing projects) */
    @CheckForNull
    public JobRef job() {
        return job;
    }

    /** @return the run concerned, or null when the failure came before a run id was known */
    @CheckForNull
    public String runId() {
        return runId;
    }

    /** @return whether trying again later may succeed (5xx, 429, network failures, garbled answers) */
    public boolean isTransient() {
        return transientFailure;
    }
}
