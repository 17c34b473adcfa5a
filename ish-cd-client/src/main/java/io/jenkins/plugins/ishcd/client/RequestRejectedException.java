package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Ish CD rejected the request: a 4xx other than 401, 403, 404 and 429 (for example 400 for a bad {@code env}, 409). Not transient. */
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
        super(message, httpStatus, job, runId, false, cause);
    }
}
