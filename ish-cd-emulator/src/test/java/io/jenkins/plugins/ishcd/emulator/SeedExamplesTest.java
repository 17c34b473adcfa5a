package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requests of the curl examples on the API page (seeds/000_8af6773ef210f910.txt), sent with the same
 * headers and bodies, and their answers checked against the page's JSON examples.
 */
class SeedExamplesTest {

    private final ManualClock clock = new ManualClock();
    private IshCdEmulator emulator;
    private TestHttp http;
    private String token;

    @BeforeEach
    void start() {
        // The page's second example: created 1498714037, changed 1498714068, duration 26.
        emulator = IshCdEmulator.builder().clock(clock)
                .project("my-corp", p -> p.job("cache-clear", j -> j.queuedFor(Duration.ofSeconds(5)).runningFor(Duration.ofSeconds(26))
                        .log(" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\n\n")))
                .start();
        http = new TestHttp(emulator);
        token = emulator.issueToken("chatbot integration");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void simpleJobTriggerAnswersTheFirstExample() {
        JsonNode run = TestHttp.json(http.post("/projects/my-corp/jobs/cache-clear/runs", token, null));

        assertShapeOfFirstExample(run);
        assertThat(emulator.journal().last().header("Content-type")).hasValue("application/json");
    }

    @Test
    void triggerWithVariablesAnswersTheFirstExampleAndKeepsTheEnv() {
        HttpResponse<String> response = http.post("/projects/my-corp/jobs/cache-clear/runs", token, "{\"env\": {\"VAR_NAME\": \"var-value\"}}");

        assertShapeOfFirstExample(TestHttp.json(response));
        assertThat(emulator.runs().get(0).env()).containsExactly(java.util.Map.entry("VAR_NAME", "var-value"));
    }

    @Test
    void readingTheFinishedRunAnswersTheSecondExample() {
        String id = TestHttp.json(http.post("/projects/my-corp/jobs/cache-clear/runs", token, null)).get("id").asText();
        clock.advanceSeconds(31);
        emulator.faults().numbersAsStrings(true);

        JsonNode run = TestHttp.json(http.get("/projects/my-corp/jobs/cache-clear/runs/" + id, token));

        assertThat(run.toString()).isEqualTo("{\"id\":\"" + id + "\",\"status\":\"complete\",\"duration\":\"26\","
                + "\"created\":\"1498714037\",\"changed\":\"1498714068\","
                + "\"log\":\" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\\n\\n\"}");
    }

    private static void assertShapeOfFirstExample(JsonNode run) {
        assertThat(run.fieldNames()).toIterable().containsExactly("id", "status", "duration", "created", "changed");
        assertThat(run.get("id").asText()).hasSize("3abed1d7-68ec-4151-ae87-edcc918315b4".length());
        assertThat(run.get("status").asText()).isEqualTo("queued");
        assertThat(run.get("duration").isIntegralNumber()).isTrue();
        assertThat(run.get("duration").asLong()).isZero();
        assertThat(run.get("created").asLong()).isEqualTo(1498714037L);
        assertThat(run.get("changed").asLong()).isEqualTo(1498714037L);
    }
}
