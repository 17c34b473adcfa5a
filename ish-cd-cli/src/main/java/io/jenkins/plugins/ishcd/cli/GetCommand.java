package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdException;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ish-cd get}: reads a run once, for example one started with {@code run --no-wait} or one
 * whose wait timed out, and prints it as {@code run} would.
 */
@Command(name = "get", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Read an Ish CD run once and print its status, and its log once it has ended.",
            "Exit code: 0 queued, running or complete, 1 error, 2 bad input, 3 token refused, 4 not found,"
                + " 6 other API or network failure, 7 standard output could not be written."})
public final class GetCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--project", required = true, paramLabel = "PROJECT",
            description = "Project machine name or ID.")
    String project;

    @Option(names = "--job", required = true, paramLabel = "JOB", description = "Job machine name or ID.")
    String job;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run id printed by 'run'.")
    String runId;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print only the run object, as JSON, on standard output.")
    boolean json;

    @Option(names = "--debug", description = "Add the stack trace to error messages.")
    boolean debug;

    /** @param terminal the environment variables and streams of this invocation */
    public GetCommand(@NonNull Terminal terminal) {
        this.terminal = terminal;
    }

    /** @return the exit code; see {@link ExitCode} */
    @Override
    public Integer call() {
        Reporter reporter = new Reporter(terminal, debug);
        JobRef ref;
        IshCdClient client;
        try {
            ref = JobRef.of(project, job);
            if (runId.isBlank()) {
                throw new IllegalArgumentException("The run id is empty: give the id 'ish-cd run' printed.");
            }
            client = connection.client(terminal);
        } catch (IllegalArgumentException e) {
            return reporter.fail(e, null);
        }
        try (client) {
            Run run = client.getRun(ref, runId.strip());
            terminal.say(RunReport.statusChanged(ref, run));
            return new RunConsole(terminal, json).finished(ref, run);
        } catch (IshCdException e) {
            return reporter.fail(e, null);
        }
    }
}
