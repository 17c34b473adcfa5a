package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control endpoint, {@code /emulator/...}, as curl or a benchmark in another process uses it. */
class ControlHandlerTest {

    private static final String RUNS = "/projects/my-corp/jobs/deploy/runs";

    private final ManualClock clock = new ManualClock();
    private final HttpClient client = HttpClient.newHttpClient();
    private IshCdEmulator emulator;
    private TestHttp http;
    private String token;

    @BeforeEach
    void start() {
        emulator = IshCdEmulator.builder().clock(clock).journalLimit(3)
                .project("my-corp", p -> p.job("deploy", j -> j.queuedFor(Duration.ofSeconds(1)).runningFor(Duration.ofSeconds(5))))
                .start();
        http = new TestHttp(emulator);
        token = emulator.issueToken("jenkins");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void journalShowsTheLastRequestsRedactedAndCountsThemAll() throws Exception {
        http.post(RUNS, token, "{\"env\": {\"BRANCH\": \"main\"}}");
        for (int i = 0; i < 4; i++) {
            http.get("/projects", token);
        }

        JsonNode all = control("GET", "/journal?limit=2", null).json();
        assertThat(all.get("total").asInt()).isEqualTo(5);
        assertThat(all.get("retained").asInt()).isEqualTo(3);
        assertThat(all.get("retentionLimit").asInt()).isEqualTo(3);
        assertThat(all.get("requests")).hasSize(2);
        JsonNode last = all.get("requests").get(1);
        assertThat(last.get("method").asText()).isEqualTo("GET");
        assertThat(last.get("path").asText()).isEqualTo("/v1/projects");
        assertThat(last.get("headers").get("authorization").get(0).asText()).isEqualTo("Bearer [redacted]");
        assertThat(last.get("tokenName").asText()).isEqualTo("jenkins");
        assertThat(last.get("status").asInt()).isEqualTo(200);
        assertThat(last.get("received").asText()).isEqualTo("2017-06-29T05:27:17Z");
        assertThat(all.toString()).doesNotContain(token);

        JsonNode posts = control("GET", "/journal?method=POST&path=/v1/projects/my-corp/jobs/deploy/runs&limit=0", null).json();
        assertThat(posts.get("total").asInt()).as("counted over all requests, not only the retained ones").isEqualTo(1);
        assertThat(posts.get("requests")).isEmpty();

        assertThat(control("DELETE", "/journal", null).status()).isEqualTo(200);
        assertThat(emulator.journal().size()).isZero();
        assertThat(emulator.journal().size()).as("the control endpoint's own requests are not journalled").isZero();
    }

    @Test
    void trafficCountsApiRequestsPerSecondAndInFlight() throws Exception {
        emulator.faults().latency(Duration.ofMillis(400));
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            polls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/projects"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
        }
        polls.forEach(CompletableFuture::join);

        JsonNode traffic = control("GET", "/traffic", null).json();
        assertThat(traffic.get("requests").asInt()).isEqualTo(5);
        assertThat(traffic.get("peakInFlight").asInt()).isEqualTo(5);
        assertThat(traffic.get("inFlight").asInt()).isZero();
        assertThat(traffic.get("peakPerSecond").asInt()).as("the manual clock stands still: one second").isEqualTo(5);
        assertThat(traffic.get("peakInAnySecond").asInt()).isEqualTo(5);
        assertThat(traffic.get("perSecond").toString()).isEqualTo("[{\"second\":1498714037,\"requests\":5}]");
        assertThat(traffic.get("connections").asInt()).isPositive();

        assertThat(control("DELETE", "/traffic", null).status()).isEqualTo(200);
        assertThat(emulator.traffic().requests()).isZero();
        assertThat(emulator.traffic().peakInFlight()).isZero();
    }

    @Test
    void runsShowTheirEnvAndWhenTheyFinish() throws Exception {
        String id = TestHttp.json(http.post(RUNS, token, "{\"env\": {\"BRANCH\": \"main\"}}")).get("id").asText();

        JsonNode run = control("GET", "/runs", null).json().get(0);

        assertThat(run.toString()).isEqualTo("{\"id\":\"" + id + "\",\"project\":\"my-corp\",\"job\":\"deploy\","
                + "\"env\":{\"BRANCH\":\"main\"},\"status\":\"queued\",\"outcome\":\"complete\","
                + "\"created\":\"2017-06-29T05:27:17Z\",\"finishes\":\"2017-06-29T05:27:23Z\"}");
    }

    @Test
    void faultsAreSetFromAShell() throws Exception {
        String id = TestHttp.json(http.post(RUNS, token, null)).get("id").asText();

        assertThat(control("POST", "/faults", "{\"fault\": \"failNext\", \"method\": \"GET\", \"status\": 502, \"project\": \"my-corp\", \"job\": \"deploy\"}")
                .json().get("message").asText()).isEqualTo("failNext set for job my-corp/deploy");
        assertThat(http.get(RUNS + "/" + id, token).statusCode()).isEqualTo(502);
        assertThat(http.get(RUNS + "/" + id, token).statusCode()).isEqualTo(200);

        control("POST", "/faults", "{\"fault\": \"outcomeNext\", \"outcome\": \"error\"}");
        String failing = TestHttp.json(http.post(RUNS, token, null)).get("id").asText();
        clock.advanceSeconds(10);
        assertThat(TestHttp.json(http.get(RUNS + "/" + failing, token)).get("status").asText()).isEqualTo("error");

        control("POST", "/faults", "{\"fault\": \"outcomeNext\", \"outcome\": \"complete\", \"seconds\": 42.25}");
        String timed = TestHttp.json(http.post(RUNS, token, null)).get("id").asText();
        assertThat(emulator.run(timed).orElseThrow().finishes()).isEqualTo(clock.instant().plusSeconds(1).plusMillis(42_250));

        control("POST", "/faults", "{\"fault\": \"rateLimitNext\", \"retryAfterSeconds\": 5, \"run\": \"" + id + "\"}");
        control("POST", "/faults", "{\"fault\": \"latency\", \"millis\": 1}");
        assertThat(control("DELETE", "/faults", null).status()).isEqualTo(200);
        assertThat(http.get(RUNS + "/" + id, token).statusCode()).as("every scope was cleared").isEqualTo(200);
        assertThat(emulator.faults().latency()).isZero();
    }

    @Test
    void badFaultsAreRefusedWithOneSentence() throws Exception {
        assertThat(refusal("{\"fault\": \"explode\"}")).startsWith("Unknown fault 'explode': use one of [clear, dropNext,");
        assertThat(refusal("{\"fault\": \"failNext\", \"statuss\": 502}")).startsWith("Unknown key 'statuss' for fault 'failNext'");
        assertThat(refusal("{\"fault\": \"failNext\"}")).isEqualTo("'status' must be a whole number and is required for this fault");
        assertThat(refusal("{\"fault\": \"failNext\", \"status\": 302}")).isEqualTo("An error status is 400 to 599, not 302");
        assertThat(refusal("{\"fault\": \"clear\", \"project\": \"my-corp\"}")).startsWith("No job '' in project 'my-corp'");
        assertThat(refusal("{\"fault\": \"clear\", \"run\": \"nope\"}")).isEqualTo("No run 'nope'");
        assertThat(refusal("{\"fault\": \"outcomeNext\", \"outcome\": \"error\", \"seconds\": \"ten\"}"))
                .isEqualTo("'seconds' must be a number of seconds from 0 to 31622400, not \"ten\"");
        assertThat(refusal("{\"fault\": \"outcomeNext\", \"outcome\": \"error\", \"seconds\": -1}")).startsWith("'seconds' must be");
        assertThat(refusal("[1]")).startsWith("The body must be a JSON object");
        assertThat(refusal("{")).startsWith("The body is not valid JSON");
    }

    @Test
    void unknownResourcesAndMethodsAreJsonErrors() throws Exception {
        assertThat(control("GET", "", null).json().get("endpoints").has("POST /emulator/faults")).isTrue();
        assertThat(control("GET", "/nope", null).status()).isEqualTo(404);
        Reply wrong = control("PUT", "/journal", "{}");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.response().headers().firstValue("Allow")).hasValue("GET, DELETE");
    }

    @Test
    void onlyThisMachineReachesTheControlEndpoint() throws Exception {
        Optional<InetAddress> lan = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
        assumeThat(lan).as("a non-loopback address to call from").isPresent();
        try (IshCdEmulator open = IshCdEmulator.builder().bindAddress(InetAddress.getByName("0.0.0.0")).start()) {
            URI url = URI.create("http://" + lan.get().getHostAddress() + ":" + open.port() + "/emulator/journal");
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(TestHttp.json(refused).get("message").asText()).contains("from this machine only");
            assertThat(client.send(HttpRequest.newBuilder(open.controlUrl().resolve("/emulator/journal")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        JsonNode json() {
            return TestHttp.json(response);
        }
    }

    private String refusal(String body) throws Exception {
        Reply reply = control("POST", "/faults", body);
        assertThat(reply.status()).as(reply.response().body()).isEqualTo(400);
        return reply.json().get("message").asText();
    }

    private Reply control(String method, String resource, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.controlUrl() + resource))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return new Reply(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }
}
