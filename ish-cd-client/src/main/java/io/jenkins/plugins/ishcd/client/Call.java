package io.jenkins.plugins.ishcd.client;

import java.net.URI;
import java.time.Duration;

/**
 * What one HTTP call is doing, for messages: "triggering a run of my-corp/deploy",
 * "reading run 3abed1d7 of my-corp/deploy", "listing projects". {@link #runId} is the id as the server
 * sent it; messages show it through {@link RunReport#printable}.
 */
final class Call {
    final String action;
    final JobRef job;
    final String runId;
    final boolean trigger;
    /** When the request was last sent, for "no answer came within 30 s". */
    private volatile long sentNanos = System.nanoTime();
    /** The request's timeout, zero when unknown. */
    private volatile Duration timeout = Duration.ZERO;

    private Call(String action, JobRef job, String runId, boolean trigger) {
        this.action = action;
        this.job = job;
        this.runId = runId;
        this.trigger = trigger;
    }

    /**
     * The request goes on the wire now (again, for a trigger sent once more).
     *
     * @param timeout how long the JDK waits for its answer
     */
    void sent(Duration timeout) {
        this.timeout = timeout;
        sentNanos = System.nanoTime();
    }

    /**
     * @return how long a request that timed out waited: the time since it was sent, at least its timeout
     *     (the JDK's timer may fire a fraction of a millisecond early, and "within 199 ms" of a 200 ms
     *     timeout would puzzle)
     */
    Duration waitedForAnswer() {
        Duration elapsed = elapsed();
        return timeout.compareTo(elapsed) > 0 ? timeout : elapsed;
    }

    /** @return the time since the request was last sent */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - sentNanos);
    }

    static Call trigger(JobRef job) {
        return new Call("triggering a run of " + job, job, null, true);
    }

    static Call readRun(JobRef job, String runId) {
        return new Call("reading run " + RunReport.printable(runId) + " of " + job, job, runId, false);
    }

    static Call read(String what, JobRef job) {
        return new Call("reading " + what, job, null, false);
    }

    /**
     * @param baseUrl the API base URL, for a hint when its path does not look like the API's
     * @return the "not found" sentence fitting this call
     */
    String notFound(URI baseUrl) {
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        // A mistyped base URL answers 404 for everything: say so rather than only blame the names.
        String urlHint = path.matches(".*/v\\d+") ? "" : " Also check the API URL " + baseUrl + ": it usually ends in /v1.";
        return notFoundOfNames() + urlHint;
    }

    private String notFoundOfNames() {
        if (runId != null) {
            return "Ish CD found no run " + RunReport.printable(runId) + " of " + job + " (HTTP 404): check the run id and that project '"
                    + job.project() + "' and job '" + job.job() + "' are the ones that started it.";
        }
        if (job != null) {
            return "Ish CD found no project '" + job.project() + "' with a job '" + job.job() + "' (HTTP 404) when "
                    + action + ": check the project and job machine names or IDs on the project's dashboard.";
        }
        return "Ish CD answered HTTP 404 when " + action + ": check the name, and that the API URL ends in /v1.";
    }
}
