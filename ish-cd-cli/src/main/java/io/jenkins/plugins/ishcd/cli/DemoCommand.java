package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ish-cd demo}: starts the Ish CD emulator in-process on a free loopback port, runs a job that
 * completes and one that ends in error, each with a variable, and shows exactly what {@code run}
 * shows. Needs no token and no network: the point is to see the tool work before setting it up.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {"Show what 'run' does, against a built-in Ish CD emulator (no token needed).",
    "Exit code: 0 when both demo runs ended as they should (one complete, one in error)."})
public final class DemoCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Run the emulator's clock this many times faster (default: 1, real time).")
    double speed;

    @Option(names = "--debug", description = "Add the stack trace to error messages.")
    boolean debug;

    /** @param terminal the environment variables and streams of this invocation */
    public DemoCommand(@NonNull Terminal terminal) {
        this.terminal = terminal;
    }

    /** @return 0 when the demo went as intended, else the exit code of what went wrong */
    @Override
    public Integer call() {
        Reporter reporter = new Reporter(terminal, debug);
        if (!(speed >= 1 && speed <= 1000)) {
            return reporter.fail(new IllegalArgumentException("The demo speed must be from 1 to 1000, not " + speed
                    + "."), null);
        }
        Clock clock = speed == 1 ? Clock.systemUTC() : new ScaledClock(speed);
        // Polls often enough to show each status (the demo jobs are queued 1-2 s, run 4-5 s).
        WaitOptions wait = WaitOptions.builder()
                .initialInterval(scaled(Duration.ofMillis(250)))
                .maxInterval(scaled(Duration.ofSeconds(1)))
                .timeout(scaled(Duration.ofMinutes(1)))
                .build();
        try (IshCdEmulator ish = IshCdEmulator.builder().clock(clock).demo().start();
                IshCdClient client = PlainHttp.configure(IshCdClient.builder()).baseUrl(ish.baseUrl())
                        .token(ish.issueToken("ish-cd demo")).userAgent("ish-cd-cli/" + IshCdClient.VERSION).build()) {
            terminal.say("Started an Ish CD emulator at " + ish.baseUrl() + " with project my-corp (jobs deploy,"
                    + " cache-clear, backup); no real Ish CD is involved.");
            int deploy = show(reporter, client, wait, "deploy", "BRANCH", "main");
            int backup = show(reporter, client, wait, "backup", "TARGET", "prod");
            if (deploy != ExitCode.COMPLETE || backup != ExitCode.RUN_ERROR) {
                terminal.say("ish-cd: The demo did not go as intended (exit codes " + deploy + " and " + backup
                        + " instead of 0 and 1).");
                return deploy != ExitCode.COMPLETE ? deploy : ExitCode.FAILURE;
            }
            terminal.say("");
            terminal.say("Demo done: exit code 0 for the complete run and 1 for the run in error. To run a real"
                    + " job: export ISH_CD_TOKEN=<your token> and use " + terminal.command() + " run --project P --job J.");
            return ExitCode.COMPLETE;
        } catch (RuntimeException e) {
            return reporter.fail(e, null);
        }
    }

    private int show(Reporter reporter, IshCdClient client, WaitOptions wait, String job, String name, String value) {
        terminal.say("");
        terminal.say("$ " + terminal.command() + " run --project my-corp --job " + job + " --env " + name + "=" + value);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(name, value);
        int code = RunCommand.run(terminal, reporter, client, RunRequest.of(JobRef.of("my-corp", job), env), wait,
                false, false);
        terminal.say("(exit code " + code + ")");
        return code;
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos(Math.max(1_000_000L, (long) (d.toNanos() / speed)));
    }
}
