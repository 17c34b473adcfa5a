package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.JobRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --expected} and {@code --no-history} of {@code ish-cd run}: what times the polls of a wait
 * (see the client's {@code PollTiming}).
 */
public final class HistoryOptions {
    @Option(names = "--expected", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a run of this job usually takes (e.g. 10m): polls are sparse until close to it,"
                + " dense around it. Default: learnt from the job's earlier runs.")
    Duration expected;

    @Option(names = "--no-history", description = "Neither read nor keep the durations of earlier runs (kept in"
            + " $XDG_CACHE_HOME/ish-cd/" + HistoryFile.NAME + ", by default ~/.cache/ish-cd/" + HistoryFile.NAME + ").")
    boolean noHistory;

    /**
     * Reads what is known of the job, before the trigger.
     *
     * @param terminal the variables (for the cache folder) and standard error (for a problem with the file)
     * @param baseUrl the API base URL
     * @param job the job
     * @return the history of this invocation
     * @throws IllegalArgumentException with one sentence for an {@code --expected} out of range
     */
    @NonNull
    RunHistory open(@NonNull Terminal terminal, @NonNull String baseUrl, @NonNull JobRef job) {
        ExpectedDuration given = expected == null ? null : ExpectedDuration.given(expected);
        Path path = noHistory ? null : HistoryFile.locate(terminal);
        HistoryFile file = path == null ? null : new HistoryFile(path, terminal::say);
        return new RunHistory(terminal, file, URI.create(baseUrl), job, given);
    }
}
