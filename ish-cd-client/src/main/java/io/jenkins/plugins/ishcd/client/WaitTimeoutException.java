package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * The overall wait timeout ({@link WaitOptions#timeout()}) passed before the run finished. The run
 * goes on in Ish CD: the API has no cancel. Not transient.
 */
public final class WaitTimeoutException extends IshCdException {
    private static final long serialVersionUID = 1L;

    private final Run lastSeen;

    /**
     * @param message the complete, user-facing sentence, naming the run
     * @param job the job
     * @param runId the run that is still going on
     * @param lastSeen the run as last read, or null if no poll succeeded
     */
    public WaitTimeoutException(String message, @NonNull JobRef job, @NonNull String runId,
            @CheckForNull Run lastSeen) {
        super(message, 0, job, runId, false, null);
        this.lastSeen = lastSeen;
    }

    /** @return the run as last read, or null if no poll succeeded */
    @CheckForNull
    public Run lastSeen() {
        return lastSeen;
    }
}
