package io.jenkins.plugins.ishcd.client;

import java.time.Duration;

/**
 * The sentences a wait ends with when the run did not end: each names the run (its id made
 * printable: the id itself is kept as sent, for requests) and says it goes on.
 */
final class WaitFailures {
    private WaitFailures() {}

    static WaitTimeoutException timedOut(JobRef job, String runId, Duration timeout, Run lastSeen) {
        String status = lastSeen == null ? "" : "; its last status was '" + lastSeen.rawStatus() + "'";
        return new WaitTimeoutException("Stopped waiting for Ish CD run " + RunReport.printable(runId) + " of " + job + " after the timeout of "
                + Durations.format(timeout) + status + ". The run goes on in Ish CD, which has no way to cancel it.",
                job, runId, lastSeen);
    }

    static ProtocolException unknownStatus(JobRef job, String runId, String rawStatus, Duration limit) {
        return new ProtocolException("Ish CD has reported status '" + rawStatus + "' for run " + RunReport.printable(runId) + " of " + job
                + " for more than " + Durations.format(limit) + "; this client knows only queued, running, complete"
                + " and error, so it stopped waiting. The run may go on: check it in Ish CD.", 200, job, runId, false,
                null);
    }

    static IshCdException unexpected(JobRef job, String runId, Throwable e) {
        return new IshCdException("Unexpected failure while waiting for Ish CD run " + RunReport.printable(runId) + " of " + job + " (" + e
                + "); the run goes on in Ish CD.", 0, job, runId, false, e);
    }

    static IshCdException gaveUp(IshCdException last, int failures) {
        return Failures.withMessage(last, last.getMessage() + " Gave up after " + failures
                + " failed polls in a row; the run may go on in Ish CD.");
    }
}
