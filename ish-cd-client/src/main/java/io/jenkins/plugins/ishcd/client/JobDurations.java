package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the engine has learnt of how long each job takes: the {@code duration} of the last runs it
 * saw complete, per base URL, project and job. Bounded: at most {@code runsPerJob} durations per job
 * and {@code maxJobs} jobs, the least recently used job dropped first. Thread-safe (every method
 * holds this object's lock briefly). It holds no secret: base URLs without user info, project and
 * job names, and numbers; never a token, variable or log.
 *
 * <p>{@link #toJson()} and {@link #fromJson(String, String)} keep it across processes: the plugin on
 * the controller, the command line tool in a file under the user's cache folder.
 */
public final class JobDurations {
    /** Durations kept per job by default: enough for a median and a spread, little to store. */
    public static final int DEFAULT_RUNS_PER_JOB = 20;
    /** Jobs kept by default. */
    public static final int DEFAULT_JOBS = 500;
    /** The fewest recorded runs that make an expectation. */
    public static final int MIN_RUNS = 5;
    /** The longest project or job name kept; a longer one is not learnt. */
    static final int MAX_NAME_CHARS = 500;

    private final int runsPerJob;
    private final int maxJobs;
    private final LinkedHashMap<DurationKey, long[]> jobs;
    private long changes;

    /** A store with {@link #DEFAULT_RUNS_PER_JOB} and {@link #DEFAULT_JOBS}. */
    public JobDurations() {
        this(DEFAULT_RUNS_PER_JOB, DEFAULT_JOBS);
    }

    /**
     * @param runsPerJob durations kept per job, 1 to 1000
     * @param maxJobs jobs kept, 1 to 100,000
     * @throws IllegalArgumentException if either is out of range
     */
    public JobDurations(int runsPerJob, int maxJobs) {
        if (runsPerJob < 1 || runsPerJob > 1000 || maxJobs < 1 || maxJobs > 100_000) {
            throw new IllegalArgumentException("Keep 1 to 1000 durations for 1 to 100000 jobs, not " + runsPerJob
                    + " for " + maxJobs + ".");
        }
        this.runsPerJob = runsPerJob;
        this.maxJobs = maxJobs;
        this.jobs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DurationKey, long[]> eldest) {
                return size() > JobDurations.this.maxJobs;
            }
        };
    }

    /**
     * Learns from a run that was seen to end: only a {@code complete} one counts, because a run in
     * {@code error} often stops early (a bad variable, a failed first step) and says little of the next.
     *
     * @param baseUrl the API base URL of the client that read the run
     * @param job the run's job
     * @param run the run as last read
     * @return whether its duration was recorded
     */
    public boolean record(@NonNull URI baseUrl, @NonNull JobRef job, @NonNull Run run) {
        return run.status() == RunStatus.COMPLETE && record(baseUrl, job, run.durationSeconds());
    }

    /**
     * @param baseUrl the API base URL
     * @param job the job
     * @param seconds a run's duration in whole seconds, from 0 to {@link ExpectedDuration#MAX_SECONDS}
     * @return whether it was recorded: not when out of range, or the URL or a name is unfit to keep
     */
    public boolean record(@NonNull URI baseUrl, @NonNull JobRef job, long seconds) {
        DurationKey key = DurationKey.of(baseUrl, job.project(), job.job());
        if (key == null || seconds < 0 || seconds > ExpectedDuration.MAX_SECONDS) {
            return false;
        }
        synchronized (this) {
            long[] old = jobs.getOrDefault(key, new long[0]);
            int keep = Math.min(old.length, runsPerJob - 1);
            long[] now = new long[keep + 1];
            System.arraycopy(old, old.length - keep, now, 0, keep);
            now[keep] = seconds;
            jobs.put(key, now);
            changes++;
        }
        return true;
    }

    /**
     * @param baseUrl the API base URL
     * @param job the job
     * @return what its recorded durations say, or null when there are fewer than {@link #MIN_RUNS}
     *     (one or two runs may both be outliers, and then a median says nothing)
     */
    @CheckForNull
    public ExpectedDuration expected(@NonNull URI baseUrl, @NonNull JobRef job) {
        DurationKey key = DurationKey.of(baseUrl, job.project(), job.job());
        long[] durations;
        synchronized (this) {
            durations = key == null ? null : jobs.get(key);
        }
        return durations == null || durations.length < MIN_RUNS ? null : ExpectedDuration.ofRuns(durations);
    }

    /**
     * @param baseUrl the API base URL
     * @param job the job
     * @param given the duration the caller expects, or null
     * @return {@code given} if there is one (it overrides the history), else {@link #expected(URI, JobRef)}
     * @throws IllegalArgumentException for a given duration {@link ExpectedDuration#given} refuses
     */
    @CheckForNull
    public ExpectedDuration expected(@NonNull URI baseUrl, @NonNull JobRef job, @CheckForNull Duration given) {
        return given != null ? ExpectedDuration.given(given) : expected(baseUrl, job);
    }

    /** @return how many jobs have durations */
    public synchronized int size() {
        return jobs.size();
    }

    /** @return how many durations were recorded since this store was made: a saver's "changed since" mark */
    public synchronized long changes() {
        return changes;
    }

    /**
     * @return the store as a small JSON document, least recently used job first:
     *     {@code {"format":"ish-cd-job-durations","version":1,"jobs":[{"baseUrl":"https://api.ish-cd.com/v1",
     *     "project":"my-corp","job":"deploy","durations":[61,63,60]}]}}, durations oldest first, in seconds
     */
    @NonNull
    public String toJson() {
        List<Map.Entry<DurationKey, long[]>> entries;
        synchronized (this) {
            entries = new ArrayList<>(jobs.entrySet());
        }
        return JobDurationsJson.write(entries);
    }

    /**
     * @param json what {@link #toJson()} wrote, or anything else (null, garbage, a truncated file)
     * @param source where it comes from, for the log line (a file name), e.g. {@code /home/me/.cache/ish-cd/job-durations.json}
     * @return the store it holds, with the default bounds; an empty one, after one WARNING log line
     *     naming {@code source} and the cause, when it cannot be read. Never throws.
     */
    @NonNull
    public static JobDurations fromJson(@CheckForNull String json, @NonNull String source) {
        return fromJson(json, source, JobDurationsJson::log);
    }

    /**
     * As {@link #fromJson(String, String)}, the problem sentence going to {@code problems} instead of the log.
     *
     * @param json the document, or null
     * @param source where it comes from
     * @param problems gets one sentence when the document cannot be read
     * @return the store, empty when the document cannot be read
     */
    @NonNull
    public static JobDurations fromJson(@CheckForNull String json, @NonNull String source,
            @NonNull Consumer<String> problems) {
        JobDurations store = new JobDurations();
        List<Map.Entry<DurationKey, long[]>> entries = JobDurationsJson.read(json, source, problems);
        for (Map.Entry<DurationKey, long[]> e : entries) {
            store.restore(e.getKey(), e.getValue());
        }
        return store;
    }

    /** Restores one job, as read from JSON; drops the oldest durations beyond the bound. */
    synchronized void restore(DurationKey key, long[] durations) {
        int keep = Math.min(durations.length, runsPerJob);
        long[] kept = new long[keep];
        System.arraycopy(durations, durations.length - keep, kept, 0, keep);
        jobs.remove(key);
        jobs.put(key, kept);
    }

    @Override
    public synchronized String toString() {
        return "JobDurations[" + jobs.size() + " jobs, up to " + runsPerJob + " runs each]";
    }
}
