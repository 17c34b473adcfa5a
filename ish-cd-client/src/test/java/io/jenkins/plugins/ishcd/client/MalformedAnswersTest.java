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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers that are large, unreadable or refused, over HTTP: what is read, what ends a wait at once
 * instead of after the whole failure budget, and what the sentence says.
 */
class MalformedAnswersTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final IshCdClient client = WireMockSupport.client(server);

    @Test
    void aLogOfTwentyMillionCharactersIsRead() {
        // Jackson's default limit of 20,000,000 characters per string made such a run unreadable for good.
        String log = "x".repeat(20_000_000) + "\n";
        sequence(server, json(run("complete", 1, ", \"log\": \"" + log.replace("\n", "\\n") + "\"")));

        assertThat(client.getRun(JOB, RUN_ID).log()).isEqualTo(log);
    }

    @Test
    void validJsonBeyondTheParsersLimitsEndsTheWaitAtOnce() {
        sequence(server, json(run("running", 1, ", \"extra\": " + "9".repeat(1001))));

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> client.waitFor(JOB, RUN_ID, FAST, RunListener.NONE));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("it holds a number longer than 1,000 digits, more than this client reads")
                .contains(RUN_ID);
        assertThat(e.getCause()).as("the parser's own words, for --debug").isNotNull();
        server.verify(1, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void anUnreadableAnswerThatComesTheSameWayTwiceEndsTheWait() {
        // A proxy's login page with status 200, every time: not a passing fault.
        sequence(server, json(run("running", 1, "")),
                aResponse().withStatus(200).withBody("<html><body>Please log in " + CANARY + "</body></html>"));

        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> client.waitFor(JOB, RUN_ID, FAST, RunListener.NONE));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("not JSON", "Please log in", "second answer for this run unreadable in the"
                + " same way").doesNotContain(CANARY);
        assertThat(e.getCause().getMessage()).doesNotContain(CANARY);
        server.verify(3, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void answersCutShortInDifferentPlacesStillCountAsPassing() {
        String whole = run("running", 1, "");
        sequence(server, json(whole.substring(0, 30)), json(whole.substring(0, 40)), json(run("complete", 1, "")));

        assertThat(client.waitFor(JOB, RUN_ID, FAST, RunListener.NONE).rawStatus()).isEqualTo("complete");
    }

    @Test
    void a408Or409WhilePollingIsToleratedLikeAServerError() {
        sequence(server, aResponse().withStatus(408), aResponse().withStatus(409).withBody("{\"message\": \"busy\"}"),
                json(run("complete", 1, "")));

        assertThat(client.waitFor(JOB, RUN_ID, FAST, RunListener.NONE).rawStatus()).isEqualTo("complete");
    }

    @Test
    void a413SaysTheRequestWasTooLargeAndTheLimitOfThisClient() {
        server.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(413)
                .withBody("<html><head><title>413 Request Entity Too Large</title></head><body><h1>413 Request Entity"
                        + " Too Large</h1><hr>nginx</body></html>")));

        RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class,
                () -> client.trigger(RunRequest.of(JOB, Map.of("BIG", "x".repeat(200_000)))));

        assertThat(e.httpStatus()).isEqualTo(413);
        assertThat(e.getMessage()).isEqualTo("Ish CD refused the request as too large (HTTP 413) when triggering a run"
                + " of my-corp/deploy: \"413 Request Entity Too Large nginx\": make the variables smaller. This client"
                + " sends at most 1 MiB (1,048,576 bytes) of them, so Ish CD or a gateway in front of it allows less.");
    }

    @Test
    void aTriggerWithoutAnAnswerSaysHowLongItWaited() {
        server.stubFor(post(urlPathEqualTo(RUNS)).willReturn(json(run("queued", 0, "")).withFixedDelay(3_000)));
        IshCdClient impatient = IshCdClient.builder().baseUrl(server.baseUrl() + "/v1").token(CANARY)
                .requestTimeout(Duration.ofMillis(1_200)).build();

        CommunicationException e = catchThrowableOfType(CommunicationException.class,
                () -> impatient.trigger(RunRequest.of(JOB)));

        assertThat(e.getMessage()).containsPattern("triggering a run of my-corp/deploy: no answer came within 1\\.\\d s\\."
                + " The run may have been created anyway");
    }
}
