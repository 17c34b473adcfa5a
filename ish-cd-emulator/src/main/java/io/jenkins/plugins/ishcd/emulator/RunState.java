package io.jenkins.plugins.ishcd.emulator;

/**
 * What the API reports about a run at one instant: the fields of the run object.
 *
 * @param id the run's UUID
 * @param status {@code queued}, {@code running}, {@code complete}, {@code error} (or an injected unknown value)
 * @param duration seconds spent running: 0 while queued, elapsed while running, the total once finished
 * @param created Unix time in seconds when the run was created
 * @param changed Unix time in seconds of the last status change
 * @param log the run's output once finished, or {@code null} (never set before the run finished)
 */
public record RunState(String id, String status, long duration, long created, long changed, String log) {

    /** @return whether {@link #status()} is {@code complete} or {@code error} */
    public boolean finished() {
        return Outcome.COMPLETE.status().equals(status) || Outcome.ERROR.status().equals(status);
    }
}
