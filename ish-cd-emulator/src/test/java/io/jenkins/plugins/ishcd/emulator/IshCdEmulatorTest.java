package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class IshCdEmulatorTest {

    @Test
    void startsWellUnderASecondOnALoopbackFreePort() {
        // The first start in a JVM pays for loading Jackson and the JDK server, as any test suite does once;
        // what each further test pays is what is measured here.
        try (IshCdEmulator warmUp = IshCdEmulator.builder().demo().start()) {
            new TestHttp(warmUp).get("/projects", warmUp.issueToken("warm-up"));
        }
        long start = System.nanoTime();
        try (IshCdEmulator emulator = IshCdEmulator.builder().demo().start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(emulator.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
            assertThat(emulator.baseUrl().getPort()).isEqualTo(emulator.port()).isPositive();
            assertThat(emulator.isHttps()).isFalse();
        }
    }

    @Test
    void closeStopsServing() throws Exception {
        IshCdEmulator emulator = IshCdEmulator.builder().start();
        URI url = URI.create(emulator.baseUrl() + "/projects");
        emulator.close();

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void httpsServesWithAGeneratedCertificateThatOnlyItsContextTrusts() throws Exception {
        try (IshCdEmulator emulator = IshCdEmulator.builder().https(true).demo().start()) {
            assertThat(emulator.baseUrl().toString()).matches("https://127\\.0\\.0\\.1:\\d+/v1");
            HttpResponse<String> response = new TestHttp(emulator).get("/projects/my-corp", emulator.issueToken("tls"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(emulator.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
            assertThat(emulator.trustStore().size()).isEqualTo(1);

            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/projects")).build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void trustMaterialIsOnlyForHttps() {
        try (IshCdEmulator emulator = IshCdEmulator.builder().start()) {
            assertThatThrownBy(emulator::clientSslContext).isInstanceOf(IllegalStateException.class).hasMessageContaining("https(true)");
        }
    }

    @Test
    void tokensAreHs256JwtsWithTheirName() throws Exception {
        try (IshCdEmulator emulator = IshCdEmulator.builder().start()) {
            SignedJWT jwt = SignedJWT.parse(emulator.issueToken("chatbot integration"));

            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
            assertThat(jwt.getJWTClaimsSet().getStringClaim("name")).isEqualTo("chatbot integration");
            assertThat(jwt.getJWTClaimsSet().getExpirationTime()).as("valid until revoked").isNull();
        }
    }

    @Test
    void revokedTokenIsRefusedAndOthersStillWork() {
        try (IshCdEmulator emulator = IshCdEmulator.builder().start()) {
            TestHttp http = new TestHttp(emulator);
            String kept = emulator.issueToken("kept");
            String revoked = emulator.issueToken("revoked");
            assertThat(http.get("/projects", revoked).statusCode()).isEqualTo(200);

            emulator.revokeToken(revoked);

            assertThat(http.get("/projects", revoked).statusCode()).isEqualTo(403);
            assertThat(http.get("/projects", kept).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answersAThousandConcurrentPolls() {
        try (IshCdEmulator emulator = IshCdEmulator.builder().project("p", p -> p.job("j", j -> { })).start()) {
            String token = emulator.issueToken("load");
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/projects/p/jobs/j/runs"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::statusCode));
            }

            assertThat(answers.stream().map(CompletableFuture::join)).hasSize(1000).containsOnly(200);
            assertThat(emulator.journal().size()).isEqualTo(1000);
        }
    }

    @Test
    void droppedGetOnAReusedConnectionStillReachesTheClient() throws Exception {
        // The JDK client silently retries a GET once when a pooled connection closes before answering,
        // so a test of "dropped connection while polling" must drop two answers in a row.
        try (IshCdEmulator emulator = IshCdEmulator.builder().start()) {
            TestHttp http = new TestHttp(emulator);
            String token = emulator.issueToken("t");
            assertThat(http.get("/projects", token).statusCode()).isEqualTo(200);
            emulator.faults().dropNext("GET", 2);

            assertThatThrownBy(() -> http.sendOrThrow("GET", "/projects", token, null)).isInstanceOf(IOException.class);
            assertThat(http.get("/projects", token).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void runStateFollowsTheInjectedClock() {
        ManualClock clock = new ManualClock();
        try (IshCdEmulator emulator = IshCdEmulator.builder().clock(clock)
                .project("p", p -> p.job("j", j -> j.queuedFor(Duration.ZERO).runningFor(Duration.ofSeconds(5)))).start()) {
            String id = TestHttp.json(new TestHttp(emulator).post("/projects/p/jobs/j/runs", emulator.issueToken("t"), null)).get("id").asText();

            assertThat(emulator.runState(id)).hasValueSatisfying(state -> assertThat(state.status()).isEqualTo("running"));
            clock.advanceSeconds(5);
            assertThat(emulator.runState(id)).hasValueSatisfying(state -> assertThat(state.finished()).isTrue());
            assertThat(emulator.clock()).isSameAs(clock);
            assertThat(emulator.runState("nope")).isEmpty();
        }
    }
}
