package io.jenkins.plugins.ishcd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ish-cd run} against answers the emulator does not give on its own: the API page's own
 * string-typed example, garbled JSON, and a gateway's HTML page, scripted with WireMock.
 */
class RunCommandWireMockTest {
    private static final String CANARY = "canary-token-7f3e9b1c";
    private static final String ID = "3abed1d7-68ec-4151-ae87-edcc918315b4";
    private static final String RUNS = "/v1/projects/my-corp/jobs/deploy/runs";
    private static final String QUEUED = "{\"id\": \"" + ID + "\", \"status\": \"queued\", \"duration\": 0,"
            + " \"created\": 1498714037, \"changed\": 1498714037}";
    // The second example of the API page, word for word: numbers sent as strings.
    private static final String COMPLETE_WITH_STRINGS = "{\"id\": \"" + ID + "\", \"status\": \"complete\","
            + " \"duration\": \"26\", \"created\": \"1498714037\", \"changed\": \"1498714068\","
            + " \"log\": \" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\\n\\n\"}";
    private static final String BAD_GATEWAY = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Cli.Result result;

    @BeforeEach
    void noResultYet() {
        result = null;
    }

    @AfterEach
    void tokenNeverShows() {
        assertThat(result).isNotNull();
        result.assertNoSecret(CANARY);
    }

    private Cli.Result run(String... extra) {
        String[] args = new String[] {"run", "--project", "my-corp", "--job", "deploy", "--poll-initial", "10ms",
            "--poll-max", "20ms"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        result = Cli.run(Map.of("ISH_CD_TOKEN", CANARY, "ISH_CD_BASE_URL", api.baseUrl() + "/v1"), all);
        return result;
    }

    private static void polls(String... bodiesThenStatus) {
        // Each answer once, in order, the last one for good.
        String state = Scenario.STARTED;
        for (int i = 0; i < bodiesThenStatus.length; i++) {
            String next = i + 1 < bodiesThenStatus.length ? "poll " + (i + 1) : state;
            api.stubFor(get(RUNS + "/" + ID).inScenario("poll").whenScenarioStateIs(state)
                    .willReturn(answer(bodiesThenStatus[i])).willSetStateTo(next));
            state = next;
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String spec) {
        switch (spec) {
            case "502":
                return aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(BAD_GATEWAY);
            case "429":
                return aResponse().withStatus(429).withHeader("Retry-After", "0");
            case "garbled":
                return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"" + ID + "\", \"status\": \"runn");
            default:
                return okJson(spec);
        }
    }

    @Test
    void stringTypedNumbersOfTheApiPageAreRead() {
        api.stubFor(post(RUNS).willReturn(okJson(QUEUED)));
        polls(QUEUED.replace("queued", "running"), COMPLETE_WITH_STRINGS);

        Cli.Result r = run("--env", "BRANCH=main");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\n\n");
        assertThat(r.err()).contains("Ish CD run " + ID + " of my-corp/deploy completed in 26 s.");
        api.verify(1, postRequestedFor(urlEqualTo(RUNS))
                .withHeader("Authorization", equalTo("Bearer " + CANARY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", containing("ish-cd-cli/"))
                .withRequestBody(equalToJson("{\"env\": {\"BRANCH\": \"main\"}}")));
    }

    @Test
    void a502HtmlPageAndA429InTheMiddleOfTheWaitAreSurvived() {
        api.stubFor(post(RUNS).willReturn(okJson(QUEUED)));
        polls(QUEUED.replace("queued", "running"), "502", "429", COMPLETE_WITH_STRINGS);

        Cli.Result r = run("--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("HTTP 502").contains("Bad Gateway").contains("HTTP 429")
                .doesNotContain("<html").doesNotContain("<center>");
        assertThat(r.out()).startsWith("{").contains("\"duration\" : 26").contains("\"status\" : \"complete\"");
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
        api.verify(4, getRequestedFor(urlEqualTo(RUNS + "/" + ID)));
    }

    @Test
    void malformedJsonAnsweringTheTriggerIsReportedAndNotSentAgain() {
        api.stubFor(post(RUNS).willReturn(aResponse().withStatus(201).withBody("{\"id\": \"" + ID + "\", \"sta")));

        Cli.Result r = run();

        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err().lines()).singleElement().asString().startsWith("ish-cd: ")
                .contains("could not be read").contains("may have been created");
        assertThat(r.out()).isEmpty();
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }

    @Test
    void malformedJsonWhilePollingTheSameWayTwiceGivesUpNamingTheRun() {
        api.stubFor(post(RUNS).willReturn(okJson(QUEUED)));
        polls("garbled");

        Cli.Result r = run();

        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("Triggered Ish CD job my-corp/deploy: run " + ID + " is queued.");
        assertThat(r.err().lines().filter(l -> l.startsWith("ish-cd: "))).singleElement().asString()
                .contains(ID).contains("second answer for this run unreadable in the same way");
        api.verify(2, getRequestedFor(urlEqualTo(RUNS + "/" + ID)));
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }

    @Test
    void aRequestRefusedAsTooLargeIsBadInputWithTheLimit() {
        api.stubFor(post(RUNS).willReturn(aResponse().withStatus(413).withHeader("Content-Type", "text/html")
                .withBody("<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center>"
                        + "<h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n")));

        Cli.Result r = run("--env", "BIG=" + "x".repeat(300_000));

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("too large (HTTP 413)")
                .contains("\"413 Request Entity Too Large nginx\"").contains("1 MiB (1,048,576 bytes)");
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }

    @Test
    void forbiddenTokenExitsThree() {
        api.stubFor(post(RUNS).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Access denied\"}")));

        Cli.Result r = run();

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString().contains("HTTP 403").contains("Access denied");
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }

    @Test
    void notFoundExitsFour() {
        api.stubFor(post(RUNS).willReturn(aResponse().withStatus(404).withBody("Not found")));

        Cli.Result r = run();

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err().lines()).singleElement().asString().contains("HTTP 404").contains("my-corp");
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }

    @Test
    void serverEchoingTheTokenStillDoesNotShowIt() {
        api.stubFor(post(RUNS).willReturn(aResponse().withStatus(500).withBody("bad token " + CANARY)));

        Cli.Result r = run("--debug");

        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("HTTP 500");
        api.verify(1, postRequestedFor(urlEqualTo(RUNS)));
    }
}
