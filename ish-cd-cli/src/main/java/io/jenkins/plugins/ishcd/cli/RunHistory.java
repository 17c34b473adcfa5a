package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import java.net.URI;

/**
 * What one {@code ish-cd run} knows of its job's durations: the expectation that times its polls
 * ({@code --expected}, else the durations in the {@link HistoryFile}), said once on standard error,
 * and the run's own duration recorded once it has completed.
 */
final class RunHistory {
    /** No file, no expectation: what {@code demo} uses, so that demo jobs never land in the user's cache. */
    static final RunHistory NONE = new RunHistory(null, null, null, null, null);

    private final Terminal terminal;
    private final HistoryFile file;
    private final URI baseUrl;
    private final JobRef job;
    private final ExpectedDuration expected;

    RunHistory(@CheckForNull Terminal terminal, @CheckForNull HistoryFile file, @CheckForNull URI baseUrl,
            @CheckForNull JobRef job, @CheckForNull ExpectedDuration given) {
        this.terminal = terminal;
        this.file = file;
        this.baseUrl = baseUrl;
        this.job = job;
        this.expected = given != null ? given : file == null ? null : file.load().expected(baseUrl, job);
    }

    /** @return what the wait expects: the given duration, else the history's, or null for none (the back-off) */
    @CheckForNull
    ExpectedDuration expected() {
        return expected;
    }

    /** Says once, on standard error, what the wait expects, e.g. "Ish CD job my-corp/deploy usually takes about 10 min (last 20 runs)." */
    void sayExpectation() {
        if (expected != null && terminal != null) {
            terminal.say(expected.describe(job));
        }
    }

    /**
     * Records the run's duration if it completed: the file is read again first, so that runs that
     * other {@code ish-cd} processes recorded meanwhile are kept.
     *
     * @param finished the run as it ended
     */
    void record(@NonNull Run finished) {
        if (file == null) {
            return;
        }
        JobDurations durations = file.load(problem -> { }); // said when it was read before the trigger
        if (durations.record(baseUrl, job, finished)) {
            file.save(durations);
        }
    }
}
