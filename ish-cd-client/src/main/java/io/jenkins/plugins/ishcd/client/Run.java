package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run of a job, as the Ish CD API returns it from {@code POST .../runs} and
 * {@code GET .../runs/{run-id}}.
 *
 * <p>Per the API: {@code duration} is in seconds, {@code created} and {@code changed} are Unix
 * times in seconds ({@code changed} is the last status change), and {@code log} is present once
 * the run has finished and produced output.
 */
public final class Run implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String rawStatus;
    private final long durationSeconds;
    private final Long createdEpochSeconds;
    private final Long changedEpochSeconds;
    private final String log;

    /**
     * @param id the run id, not blank
     * @param rawStatus the {@code status} text as sent (null is kept as {@code ""})
     * @param durationSeconds seconds the run took or has taken so far, not negative
     * @param created creation time, or null when the server sent none
     * @param changed time of the last status change, or null when the server sent none
     * @param log the run's output, or null when absent
     * @throws IllegalArgumentException if {@code id} is blank or {@code durationSeconds} negative
     */
    public Run(
            String id,
            String rawStatus,
            long durationSeconds,
            @CheckForNull Instant created,
            @CheckForNull Instant changed,
            @CheckForNull String log) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A run needs an id.");
        }
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("A run's duration cannot be negative: " + durationSeconds);
        }
        this.id = id;
        this.rawStatus = rawStatus == null ? "" : rawStatus;
        this.durationSeconds = durationSeconds;
        this.createdEpochSeconds = created == null ? null : created.getEpochSecond();
        this.changedEpochSeconds = changed == null ? null : changed.getEpochSecond();
        this.log = log == null ? "" : log;
    }

    /**
     * @return the run id exactly as the server sent it, e.g. {@code 3abed1d7-68ec-4151-ae87-edcc918315b4}:
     *     what the next request must ask for. Show it through {@link RunReport#printable}.
     */
    @NonNull
    public String id() {
        return id;
    }

    /** @return the status; {@link RunStatus#UNKNOWN} for a value this client does not know */
    @NonNull
    public RunStatus status() {
        return RunStatus.fromWire(rawStatus);
    }

    /** @return the {@code status} text exactly as the server sent it */
    @NonNull
    public String rawStatus() {
        return rawStatus;
    }

    /** @return the run's duration in seconds */
    public long durationSeconds() {
        return durationSeconds;
    }

    /** @return the run's duration */
    @NonNull
    public Duration duration() {
        return Duration.ofSeconds(durationSeconds);
    }

    /** @return when the run was created (second precision), or null if the server did not say */
    @CheckForNull
    public Instant created() {
        return createdEpochSeconds == null ? null : Instant.ofEpochSecond(createdEpochSeconds);
    }

    /** @return when the status last changed (second precision), or null if the server did not say */
    @CheckForNull
    public Instant changed() {
        return changedEpochSeconds == null ? null : Instant.ofEpochSecond(changedEpochSeconds);
    }

    /** @return the run's log; {@code ""} while running or when the run produced none */
    @NonNull
    public String log() {
        return log;
    }

    /** @return whether the log is not empty */
    public boolean hasLog() {
        return !log.isEmpty();
    }

    /**
     * The run as plain values, for Pipeline scripts and JSON output.
     *
     * @return an ordered map: {@code id} (String), {@code status} (String, as sent), {@code duration}
     *     (Long, seconds), {@code created} and {@code changed} (Long Unix seconds, or null),
     *     {@code log} (String)
     */
    @NonNull
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("status", rawStatus);
        map.put("duration", durationSeconds);
        map.put("created", createdEpochSeconds);
        map.put("changed", changedEpochSeconds);
        map.put("log", log);
        return map;
    }

    /**
     * The run as plain values with its job, so that a script can hand it on ({@code ishWait run: r}).
     *
     * @param job the run's job
     * @return {@code project} and {@code job} (Strings, as given), then what {@link #toMap()} holds
     */
    @NonNull
    public Map<String, Object> toMap(@NonNull JobRef job) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("project", job.project());
        map.put("job", job.job());
        map.putAll(toMap());
        return map;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Run)) {
            return false;
        }
        Run r = (Run) o;
        return id.equals(r.id)
                && rawStatus.equals(r.rawStatus)
                && durationSeconds == r.durationSeconds
                && Objects.equals(createdEpochSeconds, r.createdEpochSeconds)
                && Objects.equals(changedEpochSeconds, r.changedEpochSeconds)
                && log.equals(r.log);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, rawStatus, durationSeconds, changedEpochSeconds);
    }

    /** @return id, status and duration; the log is left out (it can be megabytes) */
    @Override
    public String toString() {
        return "Run[" + RunReport.printable(id) + ", " + rawStatus + ", " + durationSeconds + " s, log " + log.length() + " chars]";
    }
}
