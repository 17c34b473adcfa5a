package io.jenkins.plugins.ishcd.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Configures and starts an {@link IshCdEmulator}. Obtained from {@link IshCdEmulator#builder()}. Defaults:
 * loopback, a free port, plain HTTP, the system clock, 403 for a refused token, 201 for a created run,
 * 200 request threads, keep-alive connections never closed for idleness, the last
 * {@value RequestJournal#DEFAULT_LIMIT} requests journalled in full, a new token signing key at each start.
 */
public final class IshCdEmulatorBuilder {

    /** The built-in demo configuration, used by the command line when no file is given. */
    public static final String DEMO_RESOURCE = "demo.json";

    int port;
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    boolean https;
    Clock clock = Clock.systemUTC();
    int authFailureStatus = 403;
    int triggerStatus = 201;
    int threads = 200;
    Duration idleTimeout;
    int journalLimit = RequestJournal.DEFAULT_LIMIT;
    Path stateDirectory;
    final List<ProjectSpec.Builder> projects = new ArrayList<>();
    Consumer<Faults> faults = f -> { };

    IshCdEmulatorBuilder() {
    }

    /** @param value the TCP port, or 0 (the default) for a free one */
    public IshCdEmulatorBuilder port(int value) {
        require(value >= 0 && value <= 65535, "A port is 0 to 65535, not " + value);
        this.port = value;
        return this;
    }

    /** @param address the address to listen on (default: loopback, so nothing outside this machine reaches it) */
    public IshCdEmulatorBuilder bindAddress(InetAddress address) {
        this.bindAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /** @param enabled serve HTTPS with a self-signed certificate generated at start (see {@link IshCdEmulator#clientSslContext()}) */
    public IshCdEmulatorBuilder https(boolean enabled) {
        this.https = enabled;
        return this;
    }

    /** @param value the clock run life cycles follow, e.g. a {@link ManualClock}; default the system clock */
    public IshCdEmulatorBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** @param status how a missing, malformed, unknown or revoked token is refused: 403 (default) or 401 */
    public IshCdEmulatorBuilder authFailureStatus(int status) {
        require(status == 401 || status == 403, "A refused token is answered 401 or 403, not " + status);
        this.authFailureStatus = status;
        return this;
    }

    /** @param status the 2xx code a created run is answered with (the API page names none; default 201) */
    public IshCdEmulatorBuilder triggerStatus(int status) {
        require(status >= 200 && status <= 299, "A created run is answered with a 2xx code, not " + status);
        this.triggerStatus = status;
        return this;
    }

    /** @param count request threads (default 200: latency faults hold a thread per waiting request) */
    public IshCdEmulatorBuilder threads(int count) {
        require(count >= 1, "At least one thread, not " + count);
        this.threads = count;
        return this;
    }

    /**
     * Closes a keep-alive connection that has been idle this long after an answer: no request pending, nothing
     * read or written, as servers and load balancers do (nginx's {@code keepalive_timeout}, 75 s by default). A
     * client that sends a request on such a connection at the wrong moment finds it closed. A request in progress
     * is never cut off, however long it takes, and a new connection waits for its first request.
     * {@link IshCdEmulator#traffic()} counts the connections closed so.
     *
     * @param value the idle time, at least 1 ms; {@code null} (the default) never closes idle connections
     */
    public IshCdEmulatorBuilder idleTimeout(Duration value) {
        require(value == null || value.toMillis() >= 1, "An idle timeout is at least 1 ms, not " + value);
        this.idleTimeout = value;
        return this;
    }

    /**
     * @param count how many of the most recent requests {@link IshCdEmulator#journal()} keeps in full (default
     *     {@value RequestJournal#DEFAULT_LIMIT}; 0 for none); its counts stay exact over all requests
     */
    public IshCdEmulatorBuilder journalLimit(int count) {
        require(count >= 0, "A journal limit is 0 or more, not " + count);
        this.journalLimit = count;
        return this;
    }

    /**
     * Keeps the token signing key in {@code dir/token-secret} (made on first start, readable by its owner only),
     * so that the tokens issued by one start are still accepted by the next: a pipeline's or a Jenkins
     * credential's token survives a restart of the emulator. Without it, every start makes a new key.
     *
     * @param dir a folder of this emulator's own; created when missing
     */
    public IshCdEmulatorBuilder stateDirectory(Path dir) {
        this.stateDirectory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Adds a project.
     *
     * @param machineName e.g. {@code my-corp}
     * @param setup sets ID, label and jobs, e.g. {@code p -> p.label("My Corp").job("deploy", j -> j.log("..."))}
     */
    public IshCdEmulatorBuilder project(String machineName, Consumer<ProjectSpec.Builder> setup) {
        ProjectSpec.Builder project = new ProjectSpec.Builder(machineName);
        setup.accept(project);
        projects.add(project);
        return this;
    }

    /**
     * Adds the projects of a YAML or JSON file and applies its settings ({@code threads},
     * {@code idle_timeout_seconds}, {@code journal_limit}; a later call of their method wins). The format, in the
     * module's README: {@code projects: [{machine_name: my-corp, jobs: [{machine_name: deploy, running_seconds: 5}]}]}.
     *
     * @throws IllegalArgumentException naming the file and the problem, e.g. an unknown key
     * @throws UncheckedIOException when the file cannot be read
     */
    public IshCdEmulatorBuilder config(Path file) {
        return config(() -> Files.newInputStream(file), file.toString());
    }

    /** Adds the projects of a YAML or JSON resource, e.g. from a test's class path; see {@link #config(Path)}. */
    public IshCdEmulatorBuilder config(URL resource) {
        return config(resource::openStream, resource.toString());
    }

    private static void require(boolean valid, String otherwise) {
        if (!valid) {
            throw new IllegalArgumentException(otherwise);
        }
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private IshCdEmulatorBuilder config(Source source, String name) {
        try (InputStream in = source.open()) {
            EmulatorConfig config = EmulatorConfig.read(in, name);
            projects.addAll(config.projects());
            Optional.ofNullable(config.threads()).ifPresent(this::threads);
            Optional.ofNullable(config.idleTimeout()).ifPresent(this::idleTimeout);
            Optional.ofNullable(config.journalLimit()).ifPresent(this::journalLimit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
        return this;
    }

    /**
     * Adds the demo project {@code my-corp}: {@code deploy} (complete, logs {@code ${BRANCH}}),
     * {@code cache-clear} (complete) and {@code backup} (error), each taking a few seconds.
     */
    public IshCdEmulatorBuilder demo() {
        return config(Objects.requireNonNull(IshCdEmulatorBuilder.class.getResource(DEMO_RESOURCE), DEMO_RESOURCE));
    }

    /** @param setup global faults present from the start; {@link IshCdEmulator#faults()} changes them later */
    public IshCdEmulatorBuilder faults(Consumer<Faults> setup) {
        this.faults = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /**
     * Starts the server.
     *
     * @return the running emulator; close it to stop
     * @throws UncheckedIOException when the port cannot be bound, or the state folder cannot be used
     * @throws IllegalArgumentException when two projects, or two jobs of a project, share a machine name or ID
     */
    public IshCdEmulator start() {
        List<ProjectSpec> built = new ArrayList<>();
        projects.forEach(project -> built.add(project.build()));
        try {
            return new IshCdEmulator(this, built);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Ish CD emulator on " + bindAddress + ":" + port, e);
        }
    }
}
