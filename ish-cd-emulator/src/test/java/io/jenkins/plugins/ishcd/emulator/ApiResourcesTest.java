package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiResourcesTest {

    private final ManualClock clock = new ManualClock();
    private IshCdEmulator emulator;
    private TestHttp http;
    private String token;

    @BeforeEach
    void start() {
        emulator = IshCdEmulator.builder().clock(clock)
                .project("my-corp", p -> p.id("p-42").label("My Corp")
                        .job("deploy", j -> j.id("j-7").label("Deploy").queuedFor(Duration.ofSeconds(5))
                                .runningFor(Duration.ofSeconds(26)).log("deploying ${BRANCH}\n"))
                        .job("backup", j -> j.outcome(Outcome.ERROR).queuedFor(Duration.ZERO).runningFor(Duration.ofSeconds(3)).log("failed\n"))
                        .job("release", j -> j.requiredEnv("TAG", "TARGET").optionalEnv("NOTES")))
                .project("my corp/eu", p -> p.job("a+b", j -> { }))
                .start();
        http = new TestHttp(emulator);
        token = emulator.issueToken("test");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void triggerAnswersAQueuedRunWithTheSeedsFields() {
        HttpResponse<String> response = http.post("/projects/my-corp/jobs/deploy/runs", token, null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode run = TestHttp.json(response);
        assertThat(run.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(run.get("status").asText()).isEqualTo("queued");
        assertThat(run.get("duration").isNumber()).isTrue();
        assertThat(run.get("duration").asLong()).isZero();
        assertThat(run.get("created").asLong()).isEqualTo(ManualClock.SEED_EPOCH.getEpochSecond());
        assertThat(run.get("changed").asLong()).isEqualTo(ManualClock.SEED_EPOCH.getEpochSecond());
        assertThat(run.has("log")).isFalse();
    }

    @Test
    void runMovesFromQueuedToRunningToCompleteWithTheClock() {
        String id = TestHttp.json(http.post("/projects/my-corp/jobs/deploy/runs", token, "{\"env\": {\"BRANCH\": \"main\"}}")).get("id").asText();
        String path = "/projects/my-corp/jobs/deploy/runs/" + id;
        long created = clock.instant().getEpochSecond();

        clock.advanceSeconds(4);
        assertThat(TestHttp.json(http.get(path, token)).get("status").asText()).isEqualTo("queued");

        clock.advanceSeconds(11);
        JsonNode running = TestHttp.json(http.get(path, token));
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.get("duration").asLong()).isEqualTo(10);
        assertThat(running.get("changed").asLong()).isEqualTo(created + 5);
        assertThat(running.has("log")).isFalse();

        clock.advanceSeconds(100);
        JsonNode complete = TestHttp.json(http.get(path, token));
        assertThat(complete.get("status").asText()).isEqualTo("complete");
        assertThat(complete.get("duration").asLong()).isEqualTo(26);
        assertThat(complete.get("created").asLong()).isEqualTo(created);
        assertThat(complete.get("changed").asLong()).isEqualTo(created + 31);
        assertThat(complete.get("log").asText()).isEqualTo("deploying main\n");
    }

    @Test
    void errorOutcomeEndsInErrorWithItsLog() {
        String id = TestHttp.json(http.post("/projects/my-corp/jobs/backup/runs", token, "")).get("id").asText();
        clock.advanceSeconds(3);

        JsonNode run = TestHttp.json(http.get("/projects/my-corp/jobs/backup/runs/" + id, token));

        assertThat(run.get("status").asText()).isEqualTo("error");
        assertThat(run.get("log").asText()).isEqualTo("failed\n");
    }

    @Test
    void projectsAndJobsAreFoundByMachineNameOrId() {
        String id = TestHttp.json(http.post("/projects/p-42/jobs/j-7/runs", token, "{}")).get("id").asText();

        assertThat(http.get("/projects/my-corp/jobs/deploy/runs/" + id, token).statusCode()).isEqualTo(200);
        assertThat(http.get("/projects/p-42/jobs/deploy/runs/" + id, token).statusCode()).isEqualTo(200);
        assertThat(emulator.run(id)).hasValueSatisfying(run -> assertThat(run.job().machineName()).isEqualTo("deploy"));
    }

    @Test
    void pathSegmentsArePercentDecoded() {
        HttpResponse<String> response = http.post("/projects/my%20corp%2Feu/jobs/a+b/runs", token, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(emulator.runs()).singleElement().satisfies(run -> assertThat(run.job().machineName()).isEqualTo("a+b"));
    }

    @Test
    void readEndpointsListProjectsAndJobsWithIdMachineNameNameAndLabel() {
        JsonNode projects = TestHttp.json(http.get("/projects", token));
        assertThat(projects).hasSize(2);
        // machine_name for the seed and this project's client, name for the official JavaScript client and Hubot.
        assertThat(projects.get(0).toString()).isEqualTo("{\"id\":\"p-42\",\"machine_name\":\"my-corp\",\"name\":\"my-corp\",\"label\":\"My Corp\"}");

        assertThat(TestHttp.json(http.get("/projects/p-42", token)).get("machine_name").asText()).isEqualTo("my-corp");
        JsonNode jobs = TestHttp.json(http.get("/projects/my-corp/jobs", token));
        assertThat(jobs).hasSize(3);
        assertThat(jobs.get(0).toString()).isEqualTo("{\"id\":\"j-7\",\"machine_name\":\"deploy\",\"name\":\"deploy\",\"label\":\"Deploy\"}");
        assertThat(TestHttp.json(http.get("/projects/my-corp/jobs/j-7", token)).get("label").asText()).isEqualTo("Deploy");
    }

    @Test
    void projectRunsCarryTheirJobNewestFirstAndJobRunsListOnlyThatJob() {
        http.post("/projects/my-corp/jobs/deploy/runs", token, null);
        http.post("/projects/my-corp/jobs/backup/runs", token, null);

        JsonNode projectRuns = TestHttp.json(http.get("/projects/my-corp/runs", token));
        assertThat(projectRuns).hasSize(2);
        assertThat(projectRuns.get(0).get("job").get("machine_name").asText()).isEqualTo("backup");
        assertThat(projectRuns.get(1).get("job").toString()).isEqualTo("{\"id\":\"j-7\",\"machine_name\":\"deploy\",\"name\":\"deploy\"}");

        JsonNode jobRuns = TestHttp.json(http.get("/projects/my-corp/jobs/backup/runs", token));
        assertThat(jobRuns).hasSize(1);
        assertThat(jobRuns.get(0).has("job")).isFalse();
    }

    @Test
    void unknownProjectJobOrRunIs404WithAJsonMessage() {
        String id = TestHttp.json(http.post("/projects/my-corp/jobs/deploy/runs", token, null)).get("id").asText();

        assertNotFound(http.get("/projects/nope", token), "Project 'nope' not found");
        assertNotFound(http.post("/projects/nope/jobs/deploy/runs", token, null), "Project 'nope'");
        assertNotFound(http.get("/projects/my-corp/jobs/nope", token), "Job 'nope'");
        assertNotFound(http.get("/projects/my-corp/jobs/deploy/runs/3abed1d7-68ec-4151-ae87-edcc918315b4", token), "Run '3abed1d7");
        // A run is found only under its own job.
        assertNotFound(http.get("/projects/my-corp/jobs/backup/runs/" + id, token), "Run '" + id);
        assertNotFound(http.get("/projects/my-corp/pipelines", token), "No such resource");
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void bodyThatIsNotAnEnvOfStringsIs400AndCreatesNoRun() {
        for (String body : new String[] {"not json", "[]", "{\"env\": [\"A\"]}", "{\"env\": {\"A\": 1}}",
                "{\"env\": {\"A\": null}}", "{\"variables\": {}}", "{\"env\": \"A=1\"}"}) {
            HttpResponse<String> response = http.post("/projects/my-corp/jobs/deploy/runs", token, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(TestHttp.json(response).get("message").asText()).as(body).isNotBlank();
        }
        assertThat(emulator.runs()).isEmpty();
    }

    @Test
    void emptyBodiesAndEnvObjectsAreAccepted() {
        for (String body : new String[] {null, "", "  ", "{}", "{\"env\": {}}", "{\"env\": {\"VAR1\": \"value1\", \"VAR2\": \"value two\"}}"}) {
            assertThat(http.post("/projects/my-corp/jobs/deploy/runs", token, body).statusCode()).as(String.valueOf(body)).isEqualTo(201);
        }
        assertThat(emulator.runs().get(5).env()).containsEntry("VAR1", "value1").containsEntry("VAR2", "value two");
    }

    @Test
    void triggerStatusIsConfigurable() {
        try (IshCdEmulator ok = IshCdEmulator.builder().triggerStatus(200).project("p", p -> p.job("j", j -> { })).start()) {
            assertThat(new TestHttp(ok).post("/projects/p/jobs/j/runs", ok.issueToken("t"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void accountIsTheOneEveryTokenBelongsTo() {
        JsonNode account = TestHttp.json(http.get("/account", token));

        // The Hubot script's "token verify" accepts a token when its account has an id.
        assertThat(account.get("id").asText()).isNotBlank();
        assertThat(account.get("name").asText()).isEqualTo("emulator");
        assertThat(http.get("/account", "not-a-token").statusCode()).isEqualTo(403);
        assertThat(http.post("/account", token, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void jobsShowTheirEnvDependenciesAndARequiredOneMustBeSent() {
        JsonNode release = TestHttp.json(http.get("/projects/my-corp/jobs/release", token));
        assertThat(release.get("dependencies").toString()).isEqualTo("{\"env\":{\"TAG\":\"required\",\"TARGET\":\"required\",\"NOTES\":\"optional\"}}");
        assertThat(TestHttp.json(http.get("/projects/my-corp/jobs/deploy", token)).has("dependencies"))
                .as("left out when none are declared: the Hubot script would ask for 'undefined'").isFalse();

        HttpResponse<String> missing = http.post("/projects/my-corp/jobs/release/runs", token, "{\"env\": {\"TARGET\": \"prod\"}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(missing).get("message").asText()).isEqualTo(
                "Job 'release' requires the env variable TAG: send {\"env\": {\"TAG\": \"...\"}}");
        assertThat(TestHttp.json(http.post("/projects/my-corp/jobs/release/runs", token, "{}")).get("message").asText())
                .contains("variables TAG, TARGET");
        assertThat(emulator.runs()).isEmpty();
        assertThat(http.post("/projects/my-corp/jobs/release/runs", token, "{\"env\": {\"TAG\": \"v1\", \"TARGET\": \"\"}}")
                .statusCode()).as("present, even empty, is enough; NOTES is optional").isEqualTo(201);
    }

    @Test
    void runsListsHonourTheQueryTheOfficialClientSends() {
        String first = TestHttp.json(http.post("/projects/my-corp/jobs/backup/runs", token, null)).get("id").asText();
        String second = TestHttp.json(http.post("/projects/my-corp/jobs/backup/runs", token, null)).get("id").asText();
        String deploy = TestHttp.json(http.post("/projects/my-corp/jobs/deploy/runs", token, null)).get("id").asText();
        clock.advanceSeconds(3); // both backups have ended in error, the deploy is still queued

        assertThat(ids("/projects/my-corp/runs")).containsExactly(deploy, second, first);
        assertThat(ids("/projects/my-corp/runs?limit=1&status=error")).containsExactly(second);
        assertThat(ids("/projects/my-corp/runs?status=queued,running")).containsExactly(deploy);
        assertThat(ids("/projects/my-corp/runs?job=backup&offset=1")).containsExactly(first);
        assertThat(ids("/projects/my-corp/runs?limit=1&page=2")).containsExactly(first);
        assertThat(ids("/projects/my-corp/jobs/backup/runs?limit=1")).containsExactly(second);
        assertThat(ids("/projects/my-corp/runs?sort=created&limit=5")).as("unknown parameters are ignored").hasSize(3);
        HttpResponse<String> bad = http.get("/projects/my-corp/runs?limit=many", token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(bad).get("message").asText()).isEqualTo("The query parameter 'limit' must be a whole number of 1 or more, not 'many'");
    }

    private java.util.List<String> ids(String path) {
        HttpResponse<String> response = http.get(path, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        TestHttp.json(response).forEach(run -> ids.add(run.get("id").asText()));
        return ids;
    }

    private static void assertNotFound(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(TestHttp.json(response).get("message").asText()).contains(message);
    }
}
