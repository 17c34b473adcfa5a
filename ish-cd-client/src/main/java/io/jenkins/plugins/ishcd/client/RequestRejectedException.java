package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Ish CD rejected the request: a 4xx other than 401, 403, 404 and 429, for example 400 for a bad
 * {@code env} or 413 for one too large. Not transient, except 408 (the server gave up waiting for the
 * request) and 409 (a conflict with the run's state), which a later poll may not meet.
 */
public final class RequestRejectedException extends IshCdException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param cause the underlying failure, or null
     */
    public RequestRejectedException(String message, int httpStatus, @CheckForNull JobRef job, @CheckForNull String runId,
            @CheckForNull Throwable cause) {
        this(message, httpStatus, job, runId, false, cause);
    }

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param transientFailure whether a later attempt may succeed
     * @param cause the underlying failure, or null
     */
    public RequestRejectedException(String message, int httpStatus, @CheckForNull JobRef job, @CheckForNull String runId,
            boolean transientFailure, @CheckForNull Throwable cause) {
        super(message, httpStatus, job, runId, transientFailure, cause);
    }
}
