package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.ManualClock;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ish-cd get} against the emulator, whose clock the test moves. */
class GetCommandTest {
    private final ManualClock clock = new ManualClock();
    private IshCdEmulator ish;
    private String token;
    private Map<String, String> env;
    private Cli.Result result;

    @BeforeEach
    void startEmulator() {
        ish = IshCdEmulator.builder().clock(clock)
                .project("my-corp", p -> p
                        .job("deploy", j -> j.queuedFor(Duration.ofSeconds(2)).runningFor(Duration.ofSeconds(26))
                                .log("deployed ${BRANCH}\n"))
                        .job("backup", j -> j.outcome(Outcome.ERROR).log("[error] dump failed\n")))
                .start();
        token = ish.issueToken("get tests");
        env = Map.of("ISH_CD_TOKEN", token, "ISH_CD_BASE_URL", ish.baseUrl().toString());
    }

    @AfterEach
    void stopEmulator() {
        ish.close();
        assertThat(result).isNotNull();
        result.assertNoSecret(token);
    }

    private String trigger(String job) {
        Cli.Result queued = Cli.run(env, "run", "--project", "my-corp", "--job", job, "--env", "BRANCH=main",
                "--no-wait");
        assertThat(queued.exit()).as(queued.toString()).isZero();
        return queued.out().strip();
    }

    private Cli.Result get(String job, String id, String... extra) {
        String[] args = {"get", "--project", "my-corp", "--job", job, "--run", id};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        result = Cli.run(env, all);
        return result;
    }

    @Test
    void runningRunShowsItsStatusAndExitsZero() {
        String id = trigger("deploy");
        clock.advanceSeconds(5);

        Cli.Result r = get("deploy", id);

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("Ish CD run " + id + " is running.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void completeRunShowsLogAndSummary() {
        String id = trigger("deploy");
        clock.advanceSeconds(60);

        Cli.Result r = get("deploy", id);

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("deployed main\n");
        assertThat(r.err()).contains("Ish CD run " + id + " of my-corp/deploy completed in 26 s.");
        assertThat(ish.journal().count("POST", "/v1/")).isEqualTo(1);
        assertThat(ish.journal().count("GET", "/v1/")).isEqualTo(1);
    }

    @Test
    void runInErrorExitsOneAndJsonPrintsOnlyTheRun() throws Exception {
        String id = trigger("backup");
        clock.advanceSeconds(60);

        Cli.Result r = get("backup", id, "--json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("id").asText()).isEqualTo(id);
        assertThat(run.path("status").asText()).isEqualTo("error");
        assertThat(run.path("log").asText()).isEqualTo("[error] dump failed\n");
    }

    @Test
    void unknownRunExitsFour() {
        Cli.Result r = get("deploy", "00000000-0000-0000-0000-000000000000");

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err().lines()).singleElement().asString()
                .contains("00000000-0000-0000-0000-000000000000").contains("HTTP 404");
        assertThat(ish.journal().count("POST", "/v1/")).isZero();
    }

    @Test
    void missingRunOptionExitsTwo() {
        result = Cli.run(env, "get", "--project", "my-corp", "--job", "deploy");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines()).singleElement().asString().contains("--run");
        assertThat(ish.journal().size()).isZero();
    }
}
