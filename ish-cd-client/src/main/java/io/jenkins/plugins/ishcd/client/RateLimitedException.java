package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.Optional;

/** Ish CD asked the client to slow down: HTTP 429, with or without {@code Retry-After}. Transient. */
public final class RateLimitedException extends IshCdException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message the complete, user-facing sentence
     * @param job the job concerned, or null
     * @param runId the run concerned, or null
     * @param retryAfter the wait the server asked for, or null when it sent no usable {@code Retry-After}
     */
    public RateLimitedException(String message, @CheckForNull JobRef job, @CheckForNull String runId,
            @CheckForNull Duration retryAfter) {
        super(message, 429, job, runId, true, null);
        this.retryAfter = retryAfter;
    }

    /** @return the wait the server asked for with {@code Retry-After}, if it sent one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
