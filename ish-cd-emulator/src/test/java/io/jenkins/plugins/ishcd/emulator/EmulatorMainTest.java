package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the emulator as a separate process, as {@code java -jar ish-cd-emulator.jar} does, on the built classes. */
class EmulatorMainTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsBaseUrlAndTokenAndServesTheSeedExamplesOnTheDemo() throws Exception {
        Map<String, String> printed = start();
        URI baseUrl = URI.create(printed.get("Base URL"));
        String token = printed.get("Token");
        assertThat(baseUrl.toString()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
        assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> created = client.send(seedRequest(baseUrl + "/projects/my-corp/jobs/deploy/runs", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"env\": {\"BRANCH\": \"main\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode run = MAPPER.readTree(created.body());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(run.fieldNames()).toIterable().containsExactly("id", "status", "duration", "created", "changed");
        assertThat(run.get("status").asText()).isEqualTo("queued");

        HttpResponse<String> read = client.send(seedRequest(baseUrl + "/projects/my-corp/jobs/deploy/runs/" + run.get("id").asText(), token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(read.body()).get("id")).isEqualTo(run.get("id"));
        HttpResponse<String> refused = client.send(seedRequest(baseUrl + "/projects", "not-the-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void servesAConfigFileOverHttpsWithTheWrittenCertificate(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("ish.json"), "{\"projects\": [{\"machine_name\": \"acme\", \"jobs\": [{\"machine_name\": \"ping\"}]}]}");
        Path pem = dir.resolve("emulator.pem");

        Map<String, String> printed = start("--config", config.toString(), "--https", "--cert-out", pem.toString(), "--auth-failure-status", "401");

        URI baseUrl = URI.create(printed.get("Base URL"));
        assertThat(baseUrl.getScheme()).isEqualTo("https");
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(pem)).build();
        HttpResponse<String> jobs = client.send(seedRequest(baseUrl + "/projects/acme/jobs", printed.get("Token")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(MAPPER.readTree(jobs.body()).get(0).get("machine_name").asText()).isEqualTo("ping");
        assertThat(client.send(seedRequest(baseUrl + "/projects", "bad").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void badOptionIsAOneLineUsageError() throws Exception {
        String errors = usageError("--port", "many");

        assertThat(errors).isEqualTo("ish-cd-emulator: Invalid value for option '--port': 'many' is not an int."
                + " See 'ish-cd-emulator --help'." + System.lineSeparator());
    }

    @Test
    void badJobIsAOneLineUsageErrorToo() throws Exception {
        String errors = usageError("--job", "bench:1:59");

        assertThat(errors.lines()).singleElement().asString().contains("'bench:1:59' is not PROJECT/JOB[:QUEUED[:RUNNING[:OUTCOME]]]");
    }

    @Test
    void jobsThreadsIdleTimeoutAndTheControlEndpointFromTheCommandLine() throws Exception {
        Map<String, String> printed = start("--job", "bench/one-second:0.2:0.8", "--job", "bench/failing:0:0.1:error",
                "--threads", "4", "--idle-timeout", "0.4", "--journal-limit", "1");
        URI baseUrl = URI.create(printed.get("Base URL"));
        URI control = URI.create(printed.get("Control"));
        assertThat(control.toString()).isEqualTo(baseUrl.resolve("/emulator").toString());
        HttpClient client = HttpClient.newHttpClient();
        String token = printed.get("Token");

        HttpResponse<String> created = client.send(seedRequest(baseUrl + "/projects/bench/jobs/one-second/runs", token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = MAPPER.readTree(created.body()).get("id").asText();
        client.send(seedRequest(baseUrl + "/projects/bench/jobs/failing/runs", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode runs = MAPPER.readTree(client.send(HttpRequest.newBuilder(URI.create(control + "/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(runs.get(0).get("id").asText()).isEqualTo(id);
        assertThat(java.time.Duration.between(java.time.Instant.parse(runs.get(0).get("created").asText()),
                java.time.Instant.parse(runs.get(0).get("finishes").asText()))).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(runs.get(1).get("outcome").asText()).isEqualTo("error");
        JsonNode journal = MAPPER.readTree(client.send(HttpRequest.newBuilder(URI.create(control + "/journal?method=POST")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(journal.get("total").asInt()).isEqualTo(2);
        assertThat(journal.get("retentionLimit").asInt()).isEqualTo(1);
        JsonNode traffic = MAPPER.readTree(client.send(HttpRequest.newBuilder(URI.create(control + "/traffic")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(traffic.get("requests").asInt()).isEqualTo(2);
        assertThat(traffic.get("peakPerSecond").asInt()).isBetween(1, 2);
        try (RawHttp raw = new RawHttp(baseUrl.getPort())) {
            raw.exchange("", "GET /v1/projects HTTP/1.1", "Host: x", "Authorization: Bearer " + token);
            assertThat(raw.millisUntilClosed(5000)).isBetween(350L, 3000L);
        }
    }

    @Test
    void aTimeScaleRunsTheClockFasterAndSaysFromWhen() throws Exception {
        Map<String, String> printed = start("--job", "bench/ten-minutes:0:600", "--time-scale", "100");
        assertThat(printed.get("Clock")).startsWith("100 times real time from ");
        java.time.Instant origin = java.time.Instant.parse(printed.get("Clock").substring("100 times real time from ".length()));
        String token = printed.get("Token");
        String runs = printed.get("Base URL") + "/projects/bench/jobs/ten-minutes/runs";
        HttpClient client = HttpClient.newHttpClient();
        String id = MAPPER.readTree(client.send(seedRequest(runs, token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
        Thread.sleep(1100);

        JsonNode run = MAPPER.readTree(client.send(seedRequest(runs + "/" + id, token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(run.get("duration").asLong()).as("over 1.1 s real").isBetween(110L, 600L);
        java.time.Instant created = java.time.Instant.ofEpochSecond(run.get("created").asLong());
        long realSecondsSinceOrigin = java.time.Duration.between(origin, created).toSeconds() / 100;
        assertThat(realSecondsSinceOrigin).as("created on the fast clock, soon after its origin").isBetween(0L, 60L);
    }

    @Test
    void aBadTimeScaleIsAOneLineUsageError() throws Exception {
        String errors = usageError("--time-scale", "0");

        assertThat(errors.lines()).singleElement().asString().contains("A time scale is a whole number from 1 to 1000, not 0");
    }

    @Test
    void aStateFolderKeepsTheTokenAcrossRestartsAndTheTokenFileIsTheOwnersOnly(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        Path tokenFile = dir.resolve("token.txt");
        Map<String, String> first = start("--state", state.toString(), "--token-file", tokenFile.toString());
        String token = first.get("Token");
        assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
        assertThat(first.get("Token file")).isEqualTo(tokenFile.toAbsolutePath().toString());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            for (Path secret : List.of(tokenFile, state.resolve("token"), state.resolve("token-secret"))) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString()).isEqualTo("rw-------");
            }
        }
        stopProcesses();
        processes.clear();

        Map<String, String> second = start("--state", state.toString());

        assertThat(second.get("Token")).isEqualTo(token);
        HttpResponse<String> projects = HttpClient.newHttpClient().send(seedRequest(second.get("Base URL") + "/projects", token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(projects.statusCode()).isEqualTo(200);
        Map<String, String> fresh = start();
        assertThat(HttpClient.newHttpClient().send(seedRequest(fresh.get("Base URL") + "/projects", token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("without the state folder a start has a key of its own").isEqualTo(403);
    }

    private static HttpRequest.Builder seedRequest(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-type", "application/json");
    }

    /** Starts the process and returns the "Name: value" lines it printed up to the "Serving" line. */
    private Map<String, String> start(String... args) throws Exception {
        Process process = launch(args);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // The process was stopped.
            }
        });
        reader.setDaemon(true);
        reader.start();
        Map<String, String> printed = new java.util.HashMap<>();
        for (String line = lines.poll(60, TimeUnit.SECONDS); line != null; line = lines.poll(60, TimeUnit.SECONDS)) {
            if (line.startsWith("Serving")) {
                return printed;
            }
            int colon = line.indexOf(": ");
            printed.put(line.substring(0, colon), line.substring(colon + 2));
        }
        throw new AssertionError("The emulator printed no 'Serving' line; it printed " + printed);
    }

    /** @return what the process printed on stderr, once it has exited with 2 */
    private String usageError(String... args) throws Exception {
        Process process = launch(args);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        return errors;
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("emulator.java", "java"), "-cp", classPath(),
                EmulatorMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        processes.add(process);
        return process;
    }

    private static String classPath() {
        // Surefire may hide the real class path behind a manifest-only jar; it publishes it here too.
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(path).contains("classes");
        return path;
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = Files.newInputStream(pem)) {
            store.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
