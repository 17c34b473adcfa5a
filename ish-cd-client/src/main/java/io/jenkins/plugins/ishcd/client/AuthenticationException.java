package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Ish CD refused the API token: HTTP 401 or 403 (the service behind the API answers either). Not transient. */
public final class AuthenticationException extends IshCdException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param cause the underlying failure, or null
     */
    public AuthenticationException(String message, int httpStatus, @CheckForNull JobRef job, @CheckForNull String runId,
            @CheckForNull Throwable cause) {
        super(message, httpStatus, job, runId, false, cause);
    }
}
