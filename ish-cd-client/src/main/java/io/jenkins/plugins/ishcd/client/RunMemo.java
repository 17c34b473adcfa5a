package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * What one {@link RunLife} keeps across a restart of the process that hosts it: the job, whether a
 * trigger may have been sent, and once Ish CD answered, the run's id, its last status seen, the API
 * URL it was triggered at and when. A few hundred bytes, no secret (neither the token nor the
 * variables). Only {@link RunLife} writes it, on its own thread; any thread may read it (for
 * example to serialize it with a Jenkins Pipeline program), and sees each field as last written.
 */
public final class RunMemo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JobRef job;
    private volatile boolean triggerSent;
    private volatile String runId;
    private volatile String lastStatus;
    private volatile String baseUrl;
    private volatile long triggeredAtMillis;

    private RunMemo(JobRef job) {
        this.job = job;
    }

    /**
     * @param job the job whose run this is
     * @return a memo of a run not yet triggered
     */
    @NonNull
    public static RunMemo of(@NonNull JobRef job) {
        if (job == null) {
            throw new IllegalArgumentException("A run needs its job.");
        }
        return new RunMemo(job);
    }

    /**
     * @param job the job of the run
     * @param runId the id Ish CD gave the run when it was created
     * @return a memo of a run that exists already, to wait for ({@link RunLife#await})
     * @throws IllegalArgumentException with one sentence for a missing job or an empty id
     */
    @NonNull
    public static RunMemo ofRun(@NonNull JobRef job, @CheckForNull String runId) {
        RunMemo memo = of(job);
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("The Ish CD run id to wait for is empty: give the id that ishRun"
                    + " (or the trigger) returned.");
        }
        memo.triggerSent = true;
        memo.runId = runId.trim();
        return memo;
    }

    /** @return the job */
    @NonNull
    public JobRef job() {
        return job;
    }

    /** @return whether a trigger was handed to the client, so a run may exist even without an id */
    public boolean triggerSent() {
        return triggerSent;
    }

    /** @return the run's id once Ish CD answered the trigger, else null */
    @CheckForNull
    public String runId() {
        return runId;
    }

    /** @return the last status seen, as Ish CD wrote it, or null before the trigger's answer */
    @CheckForNull
    public String lastStatus() {
        return lastStatus;
    }

    /** @return the API base URL last used for this run, or null before the trigger */
    @CheckForNull
    public String baseUrl() {
        return baseUrl;
    }

    /** @return when the run was created, in epoch milliseconds of the host's clock, or 0 before */
    public long triggeredAtMillis() {
        return triggeredAtMillis;
    }

    void sendingTrigger() {
        this.triggerSent = true;
    }

    void created(Run run, long nowMillis) {
        this.lastStatus = run.rawStatus();
        this.triggeredAtMillis = nowMillis;
        this.runId = run.id(); // last: a reader that sees the id sees the rest
    }

    void lastStatus(String status) {
        this.lastStatus = status;
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    /** @return the job and run id; never a secret */
    @Override
    public String toString() {
        return "RunMemo[" + job + ", " + (runId != null ? runId : triggerSent ? "triggered" : "not triggered") + "]";
    }
}
