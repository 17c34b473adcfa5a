package io.jenkins.plugins.ishcd.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A run created on the emulator. Its status is not stored but computed from the clock: the run is
 * {@code queued} for the job's queue time, then (with an unknown-status fault) reports that status for a
 * while, then is {@code running} for the job's running time (or its own, from an {@link Faults#outcomeNext}
 * fault), then {@code complete} or {@code error}.
 * The timings and the outcome are fixed when the run is created, so a later change of faults does not
 * rewrite its past.
 */
public final class EmulatedRun {

    private final String id;
    private final ProjectSpec project;
    private final JobSpec job;
    private final Map<String, String> env;
    private final Instant created;
    private final Instant leftQueue;
    private final Instant started;
    private final Duration runningFor;
    private final Instant finished;
    private final String pausedStatus;
    private final Outcome outcome;
    private final String log;
    private final Faults faults = new Faults();

    EmulatedRun(String id, ProjectSpec project, JobSpec job, Map<String, String> env, Instant created,
            String pausedStatus, Duration pausedFor) {
        this(id, project, job, env, created, pausedStatus, pausedFor, new RunEnd(job.outcome(), null));
    }

    /** @param end how the run ends and after how long, which an {@link Faults#outcomeNext} fault may have chosen */
    EmulatedRun(String id, ProjectSpec project, JobSpec job, Map<String, String> env, Instant created,
            String pausedStatus, Duration pausedFor, RunEnd end) {
        this.id = id;
        this.project = project;
        this.job = job;
        this.env = Map.copyOf(env);
        this.created = created;
        this.leftQueue = created.plus(job.queuedFor());
        this.started = pausedStatus == null ? leftQueue : leftQueue.plus(pausedFor);
        this.runningFor = end.running() != null ? end.running() : job.runningFor();
        this.finished = started.plus(runningFor);
        this.pausedStatus = pausedStatus;
        this.outcome = end.outcome();
        this.log = LogTemplate.expand(job.log(), this.env);
    }

    /** @return the run's UUID, its {@code {run-id}} path segment */
    public String id() {
        return id;
    }

    /** @return the project the run belongs to */
    public ProjectSpec project() {
        return project;
    }

    /** @return the job the run belongs to */
    public JobSpec job() {
        return job;
    }

    /** @return the variables the run was triggered with (empty when the POST had no body) */
    public Map<String, String> env() {
        return env;
    }

    /** @return when the run was created, on the emulator's clock */
    public Instant created() {
        return created;
    }

    /** @return how the run ends (or ended) */
    public Outcome outcome() {
        return outcome;
    }

    /** @return when the run finishes (or finished), on the emulator's clock */
    public Instant finishes() {
        return finished;
    }

    /** @return what the API reports about this run at {@code now} */
    public RunState stateAt(Instant now) {
        long createdSeconds = created.getEpochSecond();
        if (now.isBefore(leftQueue)) {
            return new RunState(id, "queued", 0, createdSeconds, createdSeconds, null);
        }
        if (now.isBefore(started)) {
            return new RunState(id, pausedStatus, 0, createdSeconds, leftQueue.getEpochSecond(), null);
        }
        if (now.isBefore(finished)) {
            long elapsed = Duration.between(started, now).getSeconds();
            return new RunState(id, "running", elapsed, createdSeconds, started.getEpochSecond(), null);
        }
        return new RunState(id, outcome.status(), runningFor.getSeconds(), createdSeconds,
                finished.getEpochSecond(), log);
    }

    Faults faults() {
        return faults;
    }
}
