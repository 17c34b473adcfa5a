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
    void badOptionIsAUsageError() throws Exception {
        Process process = launch("--port", "many");
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(errors).contains("--port");
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
