package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Ish CD answered, but not as the API describes: a body that is not JSON or not a run object, an
 * answer larger than the client accepts, an unexpected HTTP status (such as a redirect), or a run
 * status this client does not know that lasted too long.
 */
public final class ProtocolException extends IshCdException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status of the answer
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param transientFailure whether the answer looks like a passing fault (a garbled body) rather than a
     *     lasting one
     * @param cause the underlying failure, or null
     */
    public ProtocolException(String message, int httpStatus, @CheckForNull JobRef job, @CheckForNull String runId,
            boolean transientFailure, @CheckForNull Throwable cause) {
        super(message, httpStatus, job, runId, transientFailure, cause);
    }
}
