package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays, byte for byte, the requests the official JavaScript client ({@code @ish-cd/api-client}, on popsicle
 * and Node's http) sends for the official Hubot script, and checks that the answers carry every field they read.
 * What they send: {@code Accept} and {@code Content-type: application/json} on every request, GETs included;
 * a POST body of {@code {}} or {@code {"env": ...}}; identifiers as they are, not percent-encoded; list
 * parameters as a query string; {@code Connection: close}. What they read: {@code account.id} (Hubot's token
 * check), {@code project.id}, {@code job.id}, {@code job.label}, {@code job.name}, {@code job.dependencies.env},
 * {@code run.id}, {@code run.status}, {@code run.log}, and {@code run.job.id} in a project's runs.
 */
class OfficialClientContractTest {

    private final ManualClock clock = new ManualClock();
    private IshCdEmulator emulator;
    private String token;

    @BeforeEach
    void start() {
        emulator = IshCdEmulator.builder().clock(clock)
                .project("my-corp", p -> p.id("1001").label("My Corp")
                        .job("deploy", j -> j.label("Deploy").requiredEnv("BRANCH").optionalEnv("TAG").log("deployed ${BRANCH}\n"))
                        .job("backup", j -> j.label("Back up").outcome(Outcome.ERROR).log("Access denied\n"))
                        .job("a+b", j -> j.label("Plus")))
                .start();
        token = emulator.issueToken("hubot");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void tokenVerifyReadsTheAccountsId() throws Exception {
        assertThat(get("/v1/account", token).get("id").asText()).isNotBlank();
        assertThat(send("GET", "/v1/account", "not-a-token", null).status()).as("the script says 'invalid'").isEqualTo(403);
    }

    @Test
    void listJobsPrintsLabelAndNameOfEachJob() throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode job : get("/v1/projects/my-corp/jobs", token)) {
            lines.add(job.get("label").asText() + " (" + job.get("name").asText() + ")");
            assertThat(job.get("id").asText()).isNotBlank();
        }
        assertThat(lines).containsExactly("Deploy (deploy)", "Back up (backup)", "Plus (a+b)");
        assertThat(get("/v1/projects", token).get(0).get("id").asText()).isEqualTo("1001");
        assertThat(get("/v1/projects/1001", token).get("name").asText()).isEqualTo("my-corp");
    }

    @Test
    void runAsksForTheJobsVariablesThenCreatesTheRunAndPollsItToItsEnd() throws Exception {
        JsonNode env = get("/v1/projects/my-corp/jobs/deploy", token).get("dependencies").get("env");
        assertThat(env.get("BRANCH").asText()).isEqualTo("required");
        assertThat(env.get("TAG").asText()).isEqualTo("optional");

        RawHttp.Response created = send("POST", "/v1/projects/my-corp/jobs/deploy/runs", token, "{\"env\":{\"BRANCH\":\"main\"}}");
        assertThat(created.status()).isBetween(200, 299);
        String id = TestHttp.json(created.body()).get("id").asText();
        String path = "/v1/projects/my-corp/jobs/deploy/runs/" + id;
        assertThat(get(path, token).get("status").asText()).isEqualTo("queued");
        clock.advance(Duration.ofSeconds(5));
        JsonNode done = get(path, token);

        assertThat(done.get("id").asText()).isEqualTo(id);
        assertThat(done.get("status").asText()).isEqualTo("complete");
        assertThat(done.get("log").asText()).isEqualTo("deployed main\n");
    }

    @Test
    void aJobWithoutVariablesIsTriggeredWithAnEmptyObjectAndIdsAreSentAsTheyAre() throws Exception {
        RawHttp.Response created = send("POST", "/v1/projects/1001/jobs/a+b/runs", token, "{}");
        assertThat(created.status()).as(created.body()).isBetween(200, 299);
        String id = TestHttp.json(created.body()).get("id").asText();

        assertThat(get("/v1/projects/1001/jobs/a+b/runs/" + id, token).get("status").asText()).isEqualTo("queued");
        assertThat(send("GET", "/v1/projects/100%/jobs", token, null).status()).as("a raw '%' is a JSON 400").isEqualTo(400);
    }

    @Test
    void projectRunsListHonoursTheQueryAndCarriesEachRunsJob() throws Exception {
        send("POST", "/v1/projects/my-corp/jobs/backup/runs", token, "{}");
        send("POST", "/v1/projects/my-corp/jobs/deploy/runs", token, "{\"env\":{\"BRANCH\":\"b\"}}");
        clock.advance(Duration.ofSeconds(5));

        JsonNode runs = get("/v1/projects/my-corp/runs?limit=1&status=error", token);

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("error");
        assertThat(runs.get(0).get("log").asText()).isEqualTo("Access denied\n");
        assertThat(runs.get(0).get("job").get("id").asText()).isEqualTo(emulator.projects().get(0).jobs().get(1).id());
    }

    @Test
    void everyAnswerIsJsonAndEveryRequestIsJournalled() throws Exception {
        for (String path : new String[] {"/v1/account", "/v1/projects/nope", "/v1/projects/my-corp/pipelines", "/v1/projects/100%"}) {
            assertThat(send("GET", path, token, null).header("Content-Type")).as(path).startsWith("application/json");
        }
        assertThat(send("POST", "/v1/projects/my-corp/jobs/deploy/runs", token, "{}").status()).as("BRANCH is required").isEqualTo(400);
        assertThat(emulator.journal().size()).isEqualTo(5);
        assertThat(emulator.journal().last().header("Content-type")).hasValue("application/json");
    }

    private JsonNode get(String path, String bearer) throws Exception {
        RawHttp.Response response = send("GET", path, bearer, null);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return TestHttp.json(response.body());
    }

    /** Sends what popsicle 9 on Node sends: one request per connection, the client's three headers on every method. */
    private RawHttp.Response send(String method, String path, String bearer, String body) throws Exception {
        try (RawHttp http = new RawHttp(emulator.port())) {
            return http.exchange(body == null ? "" : body, method + " " + path + " HTTP/1.1",
                    "Accept: application/json", "Authorization: Bearer " + bearer, "Content-type: application/json",
                    "User-Agent: Popsicle (https://github.com/blakeembrey/popsicle)", "Accept-Encoding: gzip,deflate",
                    "Host: 127.0.0.1:" + emulator.port(), "Connection: close");
        }
    }
}
