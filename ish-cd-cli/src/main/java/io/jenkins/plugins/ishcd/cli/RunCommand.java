package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.Env;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdException;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunReport;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ish-cd run}: triggers a run of a job, waits for it to end, prints its log, and exits with
 * its outcome (see {@link ExitCode}).
 */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Trigger a run of an Ish CD job and wait for it to end.",
            "Exit code: 0 complete (or queued, with --no-wait), 1 error, 2 bad input, 3 token refused,"
                + " 4 not found, 5 timed out (the run goes on), 6 other API or network failure, 7 standard"
                + " output could not be written."})
public final class RunCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--project", required = true, paramLabel = "PROJECT",
            description = "Project machine name or ID.")
    String project;

    @Option(names = "--job", required = true, paramLabel = "JOB", description = "Job machine name or ID.")
    String job;

    @Option(names = "--env", paramLabel = "NAME=VALUE",
            description = "A variable for the run; repeat for more. Only the first '=' splits.")
    List<String> env = List.of();

    @Mixin
    ConnectionOptions connection;

    @Mixin
    HistoryOptions history;

    @Option(names = "--no-wait", description = "Print the run id and exit once the run is queued.")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop waiting after this long (e.g. 30m, 1h30m, PT2H); the run goes on. Default: none.")
    Duration timeout;

    @Option(names = "--poll-initial", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "First interval between polls (default: 2s); it doubles up to --poll-max.")
    Duration pollInitial;

    @Option(names = "--poll-max", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest interval between polls (default: 30s).")
    Duration pollMax;

    @Option(names = "--json", description = "Print only the final run object, as JSON, on standard output.")
    boolean json;

    @Option(names = "--debug", description = "Add the stack trace to error messages.")
    boolean debug;

    /** @param terminal the environment variables and streams of this invocation */
    public RunCommand(@NonNull Terminal terminal) {
        this.terminal = terminal;
    }

    /** @return the exit code; see {@link ExitCode} */
    @Override
    public Integer call() {
        Reporter reporter = new Reporter(terminal, debug);
        RunRequest request;
        WaitOptions wait;
        IshCdClient client;
        RunHistory durations;
        try {
            // Every check comes before the trigger: bad input must not start a run.
            request = RunRequest.of(JobRef.of(project, job), variables(env));
            wait = waitOptions();
            client = connection.client(terminal);
            durations = noWait ? RunHistory.NONE : history.open(terminal, connection.baseUrl(terminal), request.job());
        } catch (IllegalArgumentException e) {
            return reporter.fail(e, null);
        }
        try (client) {
            return run(terminal, reporter, client, request, wait, noWait, json, durations);
        }
    }

    /**
     * Triggers a run, then (unless {@code noWait}) waits for it and prints it: what {@code run} does
     * once its input is checked, shared with {@code demo} so that both show the same.
     *
     * @param terminal where to print
     * @param reporter how failures are reported
     * @param client the client
     * @param request the run to trigger
     * @param wait how to wait
     * @param noWait whether to stop once the run is queued
     * @param json whether standard output carries only the run object
     * @return the exit code
     */
    static int run(Terminal terminal, Reporter reporter, IshCdClient client, RunRequest request, WaitOptions wait,
            boolean noWait, boolean json) {
        return run(terminal, reporter, client, request, wait, noWait, json, RunHistory.NONE);
    }

    /** As above, the polls timed by {@code durations}, which learn the run's duration once it completed. */
    static int run(Terminal terminal, Reporter reporter, IshCdClient client, RunRequest request, WaitOptions wait,
            boolean noWait, boolean json, RunHistory durations) {
        // Stopped before Ish CD answers, the run may exist: say so (the console replaces this once the id is known).
        terminal.onInterrupt(RunReport.triggerInterrupted(request.job()));
        RunConsole console = new RunConsole(terminal, json, noWait ? null : new WaitProgress(terminal));
        try {
            if (noWait) {
                Run run = client.trigger(request);
                console.onTriggered(request.job(), run);
                return console.queued(request.job(), run);
            }
            durations.sayExpectation();
            Run finished = client.run(request, wait.toBuilder().expected(durations.expected()).build(), console);
            durations.record(finished);
            return console.finished(request.job(), finished);
        } catch (IshCdException e) {
            console.close(); // the live status line goes before the failure line
            return reporter.fail(e, console.runId());
        } finally {
            console.close();
        }
    }

    private WaitOptions waitOptions() {
        WaitOptions.Builder b = WaitOptions.builder().timeout(timeout);
        if (pollInitial != null) {
            b.initialInterval(pollInitial);
            // Given alone, a long first interval raises the default maximum rather than failing.
            if (pollMax == null && pollInitial.compareTo(WaitOptions.defaults().maxInterval()) > 0) {
                b.maxInterval(pollInitial);
            }
        }
        if (pollMax != null) {
            b.maxInterval(pollMax);
            // Likewise a short maximum lowers the default first interval.
            if (pollInitial == null && pollMax.compareTo(WaitOptions.defaults().initialInterval()) < 0) {
                b.initialInterval(pollMax);
            }
        }
        return b.build();
    }

    /**
     * @param assignments {@code NAME=VALUE} texts
     * @return the variables in the order given
     * @throws IllegalArgumentException for a malformed assignment or a name given twice
     */
    static Map<String, String> variables(List<String> assignments) {
        // A name given twice is refused: which one was meant is a guess, and a deploy should not run on a guess.
        return Env.toMap(assignments.stream().map(Env::parseAssignment).collect(Collectors.toList()));
    }
}
