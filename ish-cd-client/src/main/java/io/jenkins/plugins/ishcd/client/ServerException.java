package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.Optional;

/** Ish CD or a gateway in front of it failed: HTTP 5xx, often with an HTML body. Transient. */
public final class ServerException extends IshCdException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message the complete, user-facing sentence
     * @param httpStatus the HTTP status, 500 to 599
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param retryAfter the wait a 503 asked for with {@code Retry-After}, or null
     */
    public ServerException(String message, int httpStatus, @CheckForNull JobRef job, @CheckForNull String runId,
            @CheckForNull Duration retryAfter) {
        super(message, httpStatus, job, runId, true, null);
        this.retryAfter = retryAfter;
    }

    /** @return the wait the server asked for with {@code Retry-After}, if it sent one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
