package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;

/**
 * One Ish CD run triggered by a build, as listed on the build page. Saved in {@code build.xml}.
 * Written by the run's {@link io.jenkins.plugins.ishcd.client.RunLife} only, one event at a time;
 * read by the page and by XStream while the build saves, hence volatile rather than locked.
 */
public final class IshRunRecord {

    private final int number;
    private final String project;
    private final String job;
    private final String runId;
    private volatile String status;
    private volatile long durationSeconds;
    private volatile boolean logKept;

    IshRunRecord(int number, JobRef job, Run run) {
        this.number = number;
        this.project = job.project();
        this.job = job.job();
        this.runId = run.id();
        this.status = run.rawStatus();
        this.durationSeconds = run.durationSeconds();
    }

    void update(Run run) {
        status = run.rawStatus();
        durationSeconds = run.durationSeconds();
    }

    void logKept() {
        logKept = true;
    }

    /** @return the position of this run in the build, from 1; also the name of its log file */
    public int getNumber() {
        return number;
    }

    @NonNull
    public String getProject() {
        return project;
    }

    @NonNull
    public String getJob() {
        return job;
    }

    @NonNull
    public String getRunId() {
        return runId;
    }

    /** @return the last status seen, as Ish CD wrote it */
    @NonNull
    public String getStatus() {
        return status;
    }

    public long getDurationSeconds() {
        return durationSeconds;
    }

    /** @return whether the run's whole log is kept with the build */
    public boolean isLogKept() {
        return logKept;
    }
}
