package io.jenkins.plugins.ishcd.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;

/** Shared fixtures of the HTTP-level tests: the canary token, run bodies, answer sequences. */
final class WireMockSupport {
    /** Must never appear in a message, a log line or a report. */
    static final String CANARY = "eyJhbGciOiJIUzI1NiJ9.CANARY-7c1f3e.sig";

    static final String RUN_ID = "3abed1d7-68ec-4151-ae87-edcc918315b4";
    static final JobRef JOB = JobRef.of("my-corp", "deploy");
    static final String RUNS = "/v1/projects/my-corp/jobs/deploy/runs";
    static final String RUN = RUNS + "/" + RUN_ID;

    /** Fast polling so a test takes milliseconds. */
    static final WaitOptions FAST = WaitOptions.builder()
            .initialInterval(Duration.ofMillis(5)).maxInterval(Duration.ofMillis(20)).build();

    private WireMockSupport() {}

    static IshCdClient client(WireMockExtension server) {
        return IshCdClient.builder()
                .baseUrl(server.baseUrl() + "/v1")
                .token(CANARY)
                .requestTimeout(Duration.ofSeconds(5))
                .triggerRetries(3, Duration.ofMillis(10))
                .build();
    }

    static String run(String status, Object duration, String extra) {
        return "{\"id\": \"" + RUN_ID + "\", \"status\": \"" + status + "\", \"duration\": " + duration
                + ", \"created\": 1498714037, \"changed\": 1498714068" + extra + "}";
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Answers successive GETs of the run with the given responses; the last one repeats. */
    static void sequence(WireMockExtension server, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            server.stubFor(get(urlPathEqualTo(RUN))
                    .inScenario("run")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                    .willReturn(answers[i])
                    .willSetStateTo(i == answers.length - 1 ? "s" + i : "s" + (i + 1)));
        }
    }
}
