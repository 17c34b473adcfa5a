package io.jenkins.plugins.ishcd.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The emulator jar in a JVM of its own, so that a benchmark measures the client's process alone:
 * started with a job of the given length (or the jobs and options given), read and steered through
 * its loopback control endpoint. Instants it returns are real ones, whatever the emulator's time scale.
 */
final class EmulatorProcess implements AutoCloseable {
    static final String PROJECT = "bench";
    static final String JOB = "job";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CONTROL = HttpClient.newHttpClient();

    private final Process process;
    final String baseUrl;
    final String token;
    private final String control;
    /** How many times faster than real time the emulator's clock runs, and from when (see its --time-scale). */
    private final int timeScale;
    private final Instant origin;

    /**
     * @param queuedSeconds how long each run is queued
     * @param runningSeconds how long it then runs
     * @param idleTimeoutSeconds close keep-alive connections idle this long, or 0 to keep them
     */
    EmulatorProcess(double queuedSeconds, double runningSeconds, double idleTimeoutSeconds) throws IOException {
        this(idleTimeoutSeconds > 0
                ? List.of("--job", PROJECT + "/" + JOB + ":" + queuedSeconds + ":" + runningSeconds,
                        "--idle-timeout", Double.toString(idleTimeoutSeconds))
                : List.of("--job", PROJECT + "/" + JOB + ":" + queuedSeconds + ":" + runningSeconds));
    }

    /**
     * @param options the emulator's options beyond port, threads, journal and token file: its jobs
     *     ({@code --job}), {@code --time-scale}, {@code --idle-timeout}
     */
    EmulatorProcess(List<String> options) throws IOException {
        Path jar = Path.of(System.getProperty("bench.emulator", "ish-cd-emulator/target/ish-cd-emulator.jar"));
        if (!Files.isRegularFile(jar) && System.getProperty("bench.emulator") == null) {
            jar = Path.of("..").resolve(jar); // run from the module's folder
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No emulator jar at " + jar.toAbsolutePath() + ": run ./mvnw -DskipJenkinsPlugin"
                    + " -pl ish-cd-emulator package -DskipTests first, or give -Dbench.emulator=PATH.");
        }
        Path tokenFile = Files.createTempFile("bench-token", ".txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g", "-jar", jar.toString(), "--port", "0", "--threads", "16", "--journal-limit", "1000",
                "--token-file", tokenFile.toString()));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String base = null;
        String controlUrl = null;
        String clock = null;
        for (String line = out.readLine(); line != null && !line.startsWith("Serving"); line = out.readLine()) {
            base = line.startsWith("Base URL: ") ? line.substring(10).trim() : base;
            controlUrl = line.startsWith("Control: ") ? line.substring(9).trim() : controlUrl;
            clock = line.startsWith("Clock: ") ? line.substring(7).trim() : clock; // "10 times real time from <instant>"
        }
        if (base == null || controlUrl == null) {
            process.destroyForcibly();
            throw new IllegalStateException("The emulator did not start: " + command);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "bench-emulator-output");
        drain.setDaemon(true);
        drain.start();
        baseUrl = base;
        control = controlUrl;
        timeScale = clock == null ? 1 : Integer.parseInt(clock.substring(0, clock.indexOf(' ')));
        origin = clock == null ? Instant.EPOCH : Instant.parse(clock.substring(clock.lastIndexOf(' ') + 1));
        token = Files.readString(tokenFile).trim();
        Files.delete(tokenFile);
    }

    /** @return the emulator's traffic figures: requests, peakInAnySecond, peakInFlight, closedIdle, ... */
    JsonNode traffic() throws IOException, InterruptedException {
        return get("/traffic");
    }

    /** @return how many requests of {@code method} the emulator received, exactly */
    long count(String method) throws IOException, InterruptedException {
        return get("/journal?method=" + method + "&limit=0").path("total").asLong();
    }

    /** @return how many requests of {@code method} to paths starting with {@code path} the emulator received, exactly */
    long count(String method, String path) throws IOException, InterruptedException {
        return get("/journal?method=" + method + "&path=" + path + "&limit=0").path("total").asLong();
    }

    /** @return when each run ended (or will), by run id, in real time */
    Map<String, Instant> finishes() throws IOException, InterruptedException {
        Map<String, Instant> result = new HashMap<>();
        for (JsonNode run : runs()) {
            result.put(run.path("id").asText(), real(Instant.parse(run.path("finishes").asText())));
        }
        return result;
    }

    /** @return every run as the control endpoint shows it: id, job, outcome, created and finishes on the emulator's clock */
    JsonNode runs() throws IOException, InterruptedException {
        return get("/runs");
    }

    /** @return the real instant of an instant on the emulator's clock */
    Instant real(Instant onEmulatorClock) {
        return origin.plus(Duration.between(origin, onEmulatorClock).dividedBy(timeScale));
    }

    /** The next run of {@code job} runs for {@code running} (on the emulator's clock) and ends in {@code outcome}. */
    void endNext(String job, Duration running, String outcome) throws IOException, InterruptedException {
        String fault = JSON.createObjectNode().put("fault", "outcomeNext").put("outcome", outcome)
                .put("seconds", running.toMillis() / 1000.0).put("project", PROJECT).put("job", job).toString();
        HttpResponse<String> r = CONTROL.send(HttpRequest.newBuilder(URI.create(control + "/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(fault)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("The emulator refused " + fault + ": " + r.body());
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = CONTROL.send(HttpRequest.newBuilder(URI.create(control + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
