package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** No answer from Ish CD: connection refused or reset, DNS failure, TLS failure or request timeout. Transient. */
public final class CommunicationException extends IshCdException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status, or 0 (there was no answer)
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param cause the underlying failure, or null
     */
    public CommunicationException(String message, int httpStatus, @CheckForNull JobRef job, @CheckForNull String runId,
            @CheckForNull Throwable cause) {
        super(message, httpStatus, job, runId, true, cause);
    }
}
