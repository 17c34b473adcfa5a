package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code ish-cd} writes where: standard output that cannot be written, names and variables that
 * would break a line or the request, the run object of {@code --no-wait}, the live status line.
 */
class ConsoleOutputTest {
    private static IshCdEmulator ish;
    private static Map<String, String> env;

    @BeforeAll
    static void startEmulator() {
        ish = IshCdEmulator.builder()
                .project("my-corp", p -> p
                        .job("deploy", j -> j.queuedFor(Duration.ofMillis(30)).runningFor(Duration.ofMillis(200))
                                .log("deployed ${BRANCH}\n"))
                        .job("steady", j -> j.queuedFor(Duration.ZERO).runningFor(Duration.ofMillis(2300))
                                .log("steady done\n")))
                .start();
        env = Map.of("ISH_CD_TOKEN", ish.issueToken("output tests"), "ISH_CD_BASE_URL", ish.baseUrl().toString());
    }

    @AfterAll
    static void stopEmulator() {
        ish.close();
    }

    @BeforeEach
    void clean() {
        ish.journal().clear();
    }

    private static String lastRunId() {
        return ish.runs().get(ish.runs().size() - 1).id();
    }

    @Test
    void aStandardOutputThatCannotBeWrittenIsAFailureNamingTheRun() {
        // It used to exit 0 with the log silently lost.
        Cli.Result r = Cli.runWithFullStdout(env, "run", "--project", "my-corp", "--job", "deploy", "--env",
                "BRANCH=main", "--poll-initial", "10ms", "--poll-max", "40ms");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        String id = lastRunId();
        assertThat(r.err()).contains("Ish CD run " + id + " of my-corp/deploy completed");
        assertThat(r.err().lines().filter(l -> l.startsWith("ish-cd: "))).singleElement().asString()
                .isEqualTo("ish-cd: Could not write to standard output (a full disk or a closed pipe?), so what it"
                        + " shows of Ish CD run " + id + " is incomplete: fix that, then print the run again with"
                        + " 'ish-cd get --project my-corp --job deploy --run " + id + "'.");
    }

    @Test
    void theRunIdThatCannotBeWrittenIsStillReported() {
        Cli.Result r = Cli.runWithFullStdout(env, "run", "--project", "my-corp", "--job", "deploy", "--no-wait");

        assertThat(r.exit()).as(r.toString()).isEqualTo(7);
        assertThat(r.err()).contains("ish-cd: Could not write the run id to standard output").contains(lastRunId());
    }

    @Test
    void theFullDeviceOfLinuxIsAFailureToo() throws Exception {
        File full = new File("/dev/full");
        assumeThat(full.exists()).as("a Linux /dev/full").isTrue();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--project", "my-corp", "--job", "deploy", "--poll-initial", "10ms")
                .redirectOutput(full);
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(7);
        assertThat(err).contains("ish-cd: Could not write to standard output").contains(lastRunId());
    }

    @Test
    void aLineBreakInTheProjectIsBadInputOnOneLine() {
        Cli.Result r = Cli.run(env, "run", "--project", "my\ncorp", "--job", "deploy");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("'my?corp'", "line break");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void variablesOverOneMebibyteAreBadInputAndNotSent() {
        Cli.Result r = Cli.run(env, "run", "--project", "my-corp", "--job", "deploy", "--env",
                "BIG=" + "x".repeat(1024 * 1024));

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("1 MiB (1,048,576 bytes)");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void jsonOfAQueuedRunHasNoLogTheApiDidNotSend() throws Exception {
        Cli.Result r = Cli.run(env, "run", "--project", "my-corp", "--job", "deploy", "--no-wait", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("id").asText()).isEqualTo(lastRunId());
        assertThat(run.has("log")).as(r.out()).isFalse();
        assertThat(run.path("status").asText()).isEqualTo("queued");
    }

    @Test
    void onATerminalALiveStatusLineShowsTheWaitAndLeavesNoTrace() throws Exception {
        Cli.Result r = Cli.run(env, true, "ish-cd", "run", "--project", "my-corp", "--job", "steady", "--json",
                "--poll-initial", "1s", "--poll-max", "1s");

        assertThat(r.exit()).as(r.toString()).isZero();
        String id = lastRunId();
        assertThat(r.err()).containsPattern("\rIsh CD run " + id.substring(0, 8)
                + "\\.\\.\\. is running \\(waited [12] s, next check in 1 s\\)");
        // Each live line is erased (blanks, then a carriage return) before the next permanent line.
        List<String> lines = Arrays.stream(r.err().split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1)).toList();
        assertThat(lines).contains("Ish CD run " + id + " has ended.").noneMatch(l -> l.contains("waited"));
        assertThat(new ObjectMapper().readTree(r.out()).path("status").asText()).isEqualTo("complete");
        assertThat(r.out()).doesNotContain("waited");
    }

    @Test
    void theDemoShowsTheCommandTheUserHas() {
        Cli.Result r = Cli.run(Map.of(), false, "ish-cd-cli/ish-cd", "demo", "--speed", "50");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("$ ish-cd-cli/ish-cd run --project my-corp --job deploy --env BRANCH=main")
                .contains("use ish-cd-cli/ish-cd run --project P --job J.").doesNotContain("$ ish-cd run");
    }
}
