package io.jenkins.plugins.ishcd.emulator;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar ish-cd-emulator.jar [--port N] [--config FILE] [--job P/J:Q:R] [--https] [--bind ADDR] ...}:
 * starts the emulator, prints its base URL, a token and its control endpoint, and serves until the process is
 * stopped. The first lines of standard output are {@code Base URL: <url>} and {@code Token: <jwt>}, for scripts;
 * {@code --token-file} writes the token to a file as well, {@code --state} keeps it valid across restarts.
 */
@Command(name = "ish-cd-emulator", mixinStandardHelpOptions = true,
        description = "Serves a local emulation of the Ish CD API until stopped.")
public final class EmulatorMain implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port; 0 (default) picks a free one.")
    int port;

    @Option(names = "--config", paramLabel = "FILE", description = "Projects and jobs, YAML or JSON; default: the built-in demo.")
    Path config;

    @Option(names = "--https", description = "Serve HTTPS with a self-signed certificate generated at start.")
    boolean https;

    @Option(names = "--cert-out", paramLabel = "FILE", description = "With --https: write the certificate here in PEM (for curl --cacert).")
    Path certOut;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on; default 127.0.0.1 (this machine only).")
    String bind = "127.0.0.1";

    @Option(names = "--auth-failure-status", description = "How a bad token is refused: 403 (default) or 401.")
    int authFailureStatus = 403;

    @Option(names = "--token-name", description = "Name of the token printed at start; default: ${DEFAULT-VALUE}.")
    String tokenName = "emulator";

    @Option(names = "--state", paramLabel = "DIR", description = "Keep the token's signing key and the token in DIR"
            + " (yours only), so that the token stays valid across restarts.")
    Path state;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Also write the token to FILE, readable by you only.")
    Path tokenFile;

    @Option(names = "--job", paramLabel = "PROJECT/JOB[:QUEUED[:RUNNING[:OUTCOME]]]", converter = JobArgument.Converter.class,
            description = "Add a job (repeatable); seconds may have decimals, e.g. bench/one-minute:1:59 or"
                    + " my-corp/nightly:0:3:error. Without --config, no demo project.")
    List<JobArgument> jobs = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Request threads; default 200 (a latency fault holds one per request).")
    Integer threads;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Close keep-alive connections idle this long"
            + " (decimals allowed), as nginx's keepalive_timeout; default: never.")
    BigDecimal idleTimeout;

    @Option(names = "--journal-limit", paramLabel = "N", description = "Requests journalled in full; default 10000 (counts stay exact).")
    Integer journalLimit;

    @Option(names = "--time-scale", paramLabel = "N", converter = ScaledClock.Converter.class, description = "Run the emulator's clock N times faster than"
            + " real time (1 to 1000), for benchmarks: runs' times and durations in its seconds; default 1.")
    int timeScale = 1;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param args the command line; see the class description */
    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new EmulatorMain());
        cmd.setParameterExceptionHandler((e, given) -> {
            String text = e.getMessage().strip();
            e.getCommandLine().getErr().println("ish-cd-emulator: " + text + (text.endsWith(".") ? "" : ".")
                    + " See 'ish-cd-emulator --help'.");
            return 2;
        });
        // Ordinary mistakes (port in use, missing or bad config file) get one line, not a stack trace.
        cmd.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("ish-cd-emulator: " + describe(e));
            return 1;
        });
        System.exit(cmd.execute(args));
    }

    /** @return one sentence for a failure to start */
    static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof java.net.BindException)
                && !(cause instanceof java.nio.file.NoSuchFileException)) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.BindException) {
            return "cannot listen on that port (" + cause.getMessage() + "): another program, perhaps an emulator"
                    + " started before, uses it; stop it or choose another --port (0 picks a free one).";
        }
        if (cause instanceof java.nio.file.NoSuchFileException) {
            return "the config file " + cause.getMessage() + " does not exist: give the path of a YAML or JSON file,"
                    + " or leave --config out for the demo projects.";
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message + (message.endsWith(".") ? "" : ".");
    }

    @Override
    public Integer call() throws Exception {
        IshCdEmulatorBuilder builder = IshCdEmulator.builder()
                .port(port)
                .bindAddress(InetAddress.getByName(bind))
                .https(https)
                .authFailureStatus(authFailureStatus);
        if (config != null) {
            builder.config(config);
        } else if (jobs.isEmpty()) {
            builder.demo();
        }
        JobArgument.addAll(jobs, builder);
        if (threads != null) {
            builder.threads(threads);
        }
        if (idleTimeout != null) {
            builder.idleTimeout(Duration.ofMillis(idleTimeout.movePointRight(3).longValue()));
        }
        if (journalLimit != null) {
            builder.journalLimit(journalLimit);
        }
        if (state != null) {
            builder.stateDirectory(state);
        }
        ScaledClock clock = timeScale == 1 ? null : new ScaledClock(Clock.systemUTC(), timeScale);
        if (clock != null) {
            builder.clock(clock);
        }
        IshCdEmulator emulator = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "ish-cd-emulator-shutdown"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        out.println("Base URL: " + emulator.baseUrl());
        // Printing this token is the point: it is the emulator's own, made for local use, not a real secret.
        String token = token(emulator);
        out.println("Token: " + token);
        if (tokenFile != null) {
            OwnerOnlyFile.write(tokenFile, token + "\n");
            out.println("Token file: " + tokenFile.toAbsolutePath());
        }
        out.println("Control: " + emulator.controlUrl());
        if (clock != null) {
            // A client converts the emulator's instants to real ones from this line.
            out.println("Clock: " + timeScale + " times real time from " + clock.origin());
        }
        if (https && certOut != null) {
            Files.writeString(certOut, emulator.certificatePem(), StandardCharsets.US_ASCII);
            out.println("Certificate: " + certOut.toAbsolutePath());
        }
        for (ProjectSpec project : emulator.projects()) {
            for (JobSpec job : project.jobs()) {
                out.println("Job: " + emulator.baseUrl() + "/projects/" + project.machineName() + "/jobs/" + job.machineName() + "/runs");
            }
        }
        out.println("Serving until stopped (Ctrl+C).");
        stopped.await();
        return 0;
    }

    /** @return the token kept in the state folder when it is still accepted, else a new one (then kept there) */
    private String token(IshCdEmulator emulator) throws java.io.IOException {
        Path kept = state == null ? null : state.resolve("token");
        if (kept != null && Files.exists(kept)) {
            String token = Files.readString(kept, StandardCharsets.US_ASCII).strip();
            if (emulator.acceptsToken(token)) {
                return token;
            }
        }
        String token = emulator.issueToken(tokenName);
        if (kept != null) {
            OwnerOnlyFile.write(kept, token + "\n");
        }
        return token;
    }
}
