package io.jenkins.plugins.ishcd.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.CANARY;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.FAST;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.JOB;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUN;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUNS;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUN_ID;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.json;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.run;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The main flow on both ways of sending: {@code sendAsync}, and blocking sends on the engine's executor. */
class TransportTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("sendAsync", null),
                Arguments.of("blocking send", Executors.newFixedThreadPool(IshCdExecutors.SEND_THREADS)));
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static IshCdClient client(Executor blocking) {
        return IshCdClient.builder().baseUrl(server.baseUrl() + "/v1").token(CANARY).blockingSends(blocking)
                .requestTimeout(Duration.ofSeconds(5)).maxResponseBytes(64 * 1024).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void triggerWaitThroughAGatewayErrorAndReadTheLog(String name, Executor blocking) {
        server.stubFor(post(urlPathEqualTo(RUNS)).willReturn(json(run("queued", 0, ""))));
        sequence(server, json(run("running", 1, "")), aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"),
                json(run("complete", 26, ", \"log\": \"done\"")));

        Run run = client(blocking).run(RunRequest.of(JOB, Map.of("A", "1")), FAST, RunListener.NONE);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(run.log()).contains("done");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void anAnswerOverTheLimitIsRefusedWithTheLimitInTheMessage(String name, Executor blocking) {
        sequence(server, json(run("complete", 1, ", \"log\": \"" + "x".repeat(100_000) + "\"")));

        assertThat(client(blocking).getRunAsync(JOB, RUN_ID)).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ProtocolException.class).withMessageContaining("65,536 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void cancellingAWaitStopsItsPolls(String name, Executor blocking) throws Exception {
        sequence(server, json(run("running", 1, "")));
        CompletableFuture<Run> wait = client(blocking).waitForAsync(JOB, RUN_ID, null, Duration.ZERO, FAST,
                RunListener.NONE);
        await().until(() -> server.countRequestsMatching(getRequestedFor(urlPathEqualTo(RUN)).build()).getCount() >= 2);

        wait.cancel(true);
        Thread.sleep(100); // a poll under way may still land
        int after = server.countRequestsMatching(getRequestedFor(urlPathEqualTo(RUN)).build()).getCount();
        Thread.sleep(300);

        assertThat(server.countRequestsMatching(getRequestedFor(urlPathEqualTo(RUN)).build()).getCount())
                .isEqualTo(after);
    }
}
