package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {

    private final ManualClock clock = new ManualClock();
    private IshCdEmulator emulator;
    private TestHttp http;
    private String token;

    @BeforeEach
    void start() {
        emulator = IshCdEmulator.builder().clock(clock).project("my-corp", p -> p.job("deploy", j -> { })).start();
        http = new TestHttp(emulator);
        token = emulator.issueToken("jenkins");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void missingMalformedUnknownAndRevokedTokensAreRefusedWith403() throws Exception {
        String revoked = emulator.issueToken("old");
        emulator.revokeToken(revoked);
        String foreign;
        try (IshCdEmulator other = IshCdEmulator.builder().start()) {
            foreign = other.issueToken("elsewhere");
        }
        String[] refused = {null, "not-a-jwt", token + "x", foreign, revoked,
                "eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0."};
        for (String bad : refused) {
            HttpResponse<String> response = http.post("/projects/my-corp/jobs/deploy/runs", bad, null);
            assertThat(response.statusCode()).as(String.valueOf(bad)).isEqualTo(403);
            assertThat(TestHttp.json(response).get("message").asText()).startsWith("Access denied");
        }
        assertThat(emulator.runs()).isEmpty();
        assertThat(http.get("/projects", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413AndCreatesNoRun() throws Exception {
        String huge = "{\"env\": {\"X\": \"" + "x".repeat(ApiHandler.MAX_BODY_BYTES) + "\"}}";

        HttpResponse<String> response = http.post("/projects/my-corp/jobs/deploy/runs", token, huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(TestHttp.json(response).get("message").asText()).contains("larger than 1 MiB");
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void refusalCanBe401WithAChallenge() {
        try (IshCdEmulator strict = IshCdEmulator.builder().authFailureStatus(401).start()) {
            HttpResponse<String> response = new TestHttp(strict).get("/projects", "nope");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void schemeOtherThanBearerIsRefused() throws Exception {
        HttpResponse<String> response = http.send("GET", "/projects", null, null);
        assertThat(response.statusCode()).isEqualTo(403);
        java.net.http.HttpRequest basic = java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.baseUrl() + "/projects"))
                .header("Authorization", "Basic " + token).build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(basic, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> onRuns = http.send("PUT", "/projects/my-corp/jobs/deploy/runs", token, "{}");
        assertThat(onRuns.statusCode()).isEqualTo(405);
        assertThat(onRuns.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(TestHttp.json(onRuns).get("message").asText()).contains("PUT");

        HttpResponse<String> onRun = http.send("DELETE", "/projects/my-corp/jobs/deploy/runs/x", token, null);
        assertThat(onRun.statusCode()).isEqualTo(405);
        assertThat(onRun.headers().firstValue("Allow")).hasValue("GET");
        assertThat(http.post("/projects", token, null).statusCode()).isEqualTo(405);
    }

    @Test
    void journalRecordsRequestsWithoutTheTokenValue() {
        http.post("/projects/my-corp/jobs/deploy/runs", token, "{\"env\": {\"BRANCH\": \"main\"}}");
        http.send("GET", "/projects?page=2", "wrong-token", null);

        RecordedRequest post = emulator.journal().requests().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/v1/projects/my-corp/jobs/deploy/runs");
        assertThat(post.body()).isEqualTo("{\"env\": {\"BRANCH\": \"main\"}}");
        assertThat(post.header("Authorization")).hasValue("Bearer [redacted]");
        assertThat(post.header("accept")).hasValue("application/json");
        assertThat(post.tokenName()).isEqualTo("jenkins");
        assertThat(post.status()).isEqualTo(201);
        assertThat(post.received()).isEqualTo(clock.instant());

        RecordedRequest refused = emulator.journal().last();
        assertThat(refused.query()).isEqualTo("page=2");
        assertThat(refused.tokenName()).isNull();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(emulator.journal().requests().toString() + emulator.journal().requests().get(0).headers())
                .doesNotContain(token).doesNotContain("wrong-token");
    }

    @Test
    void aPathThatIsNotValidPercentEncodingIsAJson400AndJournalled() throws Exception {
        try (RawHttp raw = new RawHttp(emulator.port())) {
            // The official JavaScript client does not percent-encode identifiers: a '%' arrives as it is.
            RawHttp.Response response = raw.exchange("", "GET /v1/projects/100%/jobs HTTP/1.1", "Host: x", "Authorization: Bearer " + token);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(TestHttp.json(response.body()).get("message").asText()).isEqualTo(
                    "The path /v1/projects/100%/jobs is not valid percent-encoding: write '%' as %25");
            assertThat(raw.exchange("", "GET /v1/projects/my-corp HTTP/1.1", "Host: x", "Authorization: Bearer " + token).status())
                    .as("the connection goes on").isEqualTo(200);
        }
        assertThat(emulator.journal().requests()).extracting(RecordedRequest::toString)
                .containsExactly("GET /v1/projects/100%/jobs -> 400", "GET /v1/projects/my-corp -> 200");
    }

    @Test
    void aRequestThatIsNotHttpIsAJson400AndJournalled() throws Exception {
        try (RawHttp raw = new RawHttp(emulator.port())) {
            RawHttp.Response response = raw.exchange("", "GET /v1/projects HTTP/1.1", "Host: x", "Bad header line without a colon");

            assertThat(response.status()).isEqualTo(400);
            assertThat(TestHttp.json(response.body()).get("message").asText()).startsWith("The request is not valid HTTP/1.1");
            assertThat(response.header("Connection")).isEqualTo("close");
        }
        assertThat(emulator.journal().last().status()).isEqualTo(400);
    }

    @Test
    void headersAreJournalledAsSentAndAChunkedBodyIsRead() throws Exception {
        try (RawHttp raw = new RawHttp(emulator.port())) {
            raw.exchange("", "GET /v1/projects HTTP/1.1", "Host: x", "Authorization: Bearer " + token);
            RawHttp.Response created = raw.exchange("", "POST /v1/projects/my-corp/jobs/deploy/runs HTTP/1.1", "Host: x",
                    "Authorization: Bearer " + token, "Transfer-Encoding: chunked", "", "D", "{\"env\": {}}\r\n", "0", "");

            assertThat(created.status()).isEqualTo(201);
        }
        RecordedRequest get = emulator.journal().requests().get(0);
        assertThat(get.headers()).containsOnlyKeys("host", "authorization");
        RecordedRequest post = emulator.journal().last();
        assertThat(post.header("Transfer-Encoding")).hasValue("chunked");
        assertThat(post.header("Content-Length")).isEmpty();
        assertThat(post.body()).isEqualTo("{\"env\": {}}\r\n");
    }

    @Test
    void rawPathIsJournaledAsSent() {
        http.get("/projects/my%20corp", token);

        assertThat(emulator.journal().last().path()).isEqualTo("/v1/projects/my%20corp");
        assertThat(emulator.journal().last().status()).isEqualTo(404);
    }
}
