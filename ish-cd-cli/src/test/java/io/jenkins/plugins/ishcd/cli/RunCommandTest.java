package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.ishcd.emulator.EmulatedRun;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ish-cd run} against the emulator, on the real clock with runs of a fraction of a second. */
class RunCommandTest {
    private static final String RUNS = "/v1/projects/my-corp/jobs/deploy/runs";
    private static IshCdEmulator ish;
    private static String token;
    private static Map<String, String> env;

    @BeforeAll
    static void startEmulator() {
        ish = IshCdEmulator.builder()
                .project("my-corp", p -> p
                        .job("deploy", j -> j.queuedFor(Duration.ofMillis(30)).runningFor(Duration.ofMillis(300))
                                .log("deployed ${BRANCH}\n"))
                        .job("backup", j -> j.queuedFor(Duration.ofMillis(30)).runningFor(Duration.ofMillis(100))
                                .outcome(Outcome.ERROR).log("[error] mysqldump: Access denied\n"))
                        .job("slow", j -> j.queuedFor(Duration.ZERO).runningFor(Duration.ofHours(1)))
                        .job("echo", j -> j.queuedFor(Duration.ZERO).runningFor(Duration.ofMillis(20))
                                .log("greeting=${GREETING}\nquery=${QUERY}\n")))
                .start();
        token = ish.issueToken("cli tests");
        env = Map.of("ISH_CD_TOKEN", token, "ISH_CD_BASE_URL", ish.baseUrl().toString());
    }

    @AfterAll
    static void stopEmulator() {
        ish.close();
    }

    @BeforeEach
    void clean() {
        ish.journal().clear();
        ish.faults().clear();
        for (String job : List.of("deploy", "backup", "slow", "echo")) {
            ish.faults("my-corp", job).clear();
        }
    }

    @AfterEach
    void tokenNeverShows() {
        // Checked again per test below; this guards the tests that forget.
        assertThat(lastResult).isNotNull();
        lastResult.assertNoSecret(token);
    }

    private Cli.Result lastResult;

    private Cli.Result run(String... args) {
        return run(env, args);
    }

    private Cli.Result run(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--poll-initial", "10ms", "--poll-max", "40ms"));
        all.addAll(Arrays.asList(args));
        lastResult = Cli.run(environment, all.toArray(String[]::new));
        return lastResult;
    }

    private static int posts() {
        return ish.journal().count("POST", "/v1/projects/");
    }

    /** @return the run the last test created (the emulator keeps the runs of earlier tests too) */
    private static String onlyRunId() {
        assertThat(posts()).isEqualTo(1);
        return ish.runs().get(ish.runs().size() - 1).id();
    }

    @Test
    void completeRunPrintsIdStatusChangesLogAndSummary() {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main");

        assertThat(r.exit()).as(r.toString()).isZero();
        String id = onlyRunId();
        assertThat(r.out()).isEqualTo("deployed main\n");
        assertThat(r.err().lines()).containsSubsequence(
                "Triggered Ish CD job my-corp/deploy: run " + id + " is queued.",
                "Ish CD run " + id + " is running.",
                "Ish CD run " + id + " has ended.",
                "Ish CD run " + id + " of my-corp/deploy completed within a second.");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aRequestBudgetOutOfRangeIsBadInputInOneSentenceAndSendsNothing() {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--requests-per-second", "0");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--requests-per-second must be 1 to 10000, not 0.");
        assertThat(r.errorLines()).isLessThanOrEqualTo(1);
        assertThat(posts()).isZero();
    }

    @Test
    void aRequestBudgetIsAppliedToTheBaseUrl() {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main", "--requests-per-second", "7");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(io.jenkins.plugins.ishcd.client.IshCdExecutors.scheduler()
                .limits(java.net.URI.create(ish.baseUrl().toString())).requestsPerSecond()).isEqualTo(7);
    }

    @Test
    void runInErrorExitsOneWithLogAndSummary() {
        Cli.Result r = run("--project", "my-corp", "--job", "backup", "--env", "TARGET=prod");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("[error] mysqldump: Access denied\n");
        assertThat(r.err()).contains("of my-corp/backup ended in error within a second.");
        assertThat(r.errorLines()).isZero();
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void pollingSurvivesA502HtmlPageInTheMiddleOfTheWait() {
        ish.faults("my-corp", "deploy").failNext("GET", 2, 502);

        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("HTTP 502").contains("Trying again in").contains("(2 failed polls in a row)")
                .doesNotContain("<html").doesNotContain("<body");
        assertThat(r.out()).isEqualTo("deployed main\n");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void pollingSurvivesA429InTheMiddleOfTheWait() {
        ish.faults("my-corp", "deploy").rateLimitNext("GET", 2, null);

        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("HTTP 429").contains("Trying again in");
        assertThat(r.out()).isEqualTo("deployed main\n");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aTriggerRefusedWith429SaysItGoesAgainAndThenCreatesOneRun() {
        ish.faults("my-corp", "deploy").rateLimitNext("POST", 1, java.time.Duration.ofSeconds(1));

        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("HTTP 429").contains("No run was created; sending it again in 1 s (attempt 2).");
        assertThat(posts()).as("the refused POST and the one that created the run").isEqualTo(2);
        assertThat(r.out()).isEqualTo("deployed main\n");
    }

    @Test
    void triggerAnswered502AfterTheRunWasCreatedIsNotSentAgain() {
        ish.faults("my-corp", "deploy").failNextAfterProcessing("POST", 1, 502);

        Cli.Result r = run("--project", "my-corp", "--job", "deploy");

        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("HTTP 502").contains("may have been created");
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(posts()).isEqualTo(1);
        assertThat(ish.runs()).isNotEmpty();
    }

    @Test
    void refusedTokenExitsThreeWithoutShowingIt() {
        String canary = "canary-" + UUID.randomUUID();

        Cli.Result r = run(Map.of("ISH_CD_TOKEN", canary, "ISH_CD_BASE_URL", ish.baseUrl().toString()),
                "--project", "my-corp", "--job", "deploy");

        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("ish-cd: ").contains("HTTP 403").contains("token");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
        r.assertNoSecret(canary);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void unknownJobExitsFour() {
        Cli.Result r = run("--project", "my-corp", "--job", "nope");

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("HTTP 404").contains("'nope'");
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void fiveMegabyteLogIsPrintedWhole() {
        ish.faults("my-corp", "deploy").hugeLog(5_000_000);

        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().length()).isGreaterThanOrEqualTo(5_000_000);
        assertThat(r.out()).contains("deployed main").endsWith("\n");
        assertThat(r.err()).doesNotContain("deployed main");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void unicodeVariablesAndEqualsSignsArriveIntact() throws Exception {
        String greeting = "Grüße, 世界 🚀";
        Cli.Result r = run("--project", "my-corp", "--job", "echo", "--env", "GREETING=" + greeting,
                "--env", "QUERY=a=b=c");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("greeting=" + greeting + "\nquery=a=b=c\n");
        assertThat(ish.journal().requests("POST", "/v1/projects/")).singleElement().satisfies(post -> {
            JsonNode body = new ObjectMapper().readTree(post.body());
            assertThat(body.path("env").path("GREETING").asText()).isEqualTo(greeting);
            assertThat(body.path("env").path("QUERY").asText()).isEqualTo("a=b=c");
        });
        EmulatedRun run = ish.runs().get(ish.runs().size() - 1);
        assertThat(run.env()).containsEntry("GREETING", greeting);
    }

    @Test
    void timeoutExitsFiveNamingTheRunThatGoesOn() {
        Cli.Result r = run("--project", "my-corp", "--job", "slow", "--timeout", "300ms");

        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        String id = onlyRunId();
        assertThat(r.err()).contains("Triggered Ish CD job my-corp/slow: run " + id);
        assertThat(r.err().lines().filter(l -> l.startsWith("ish-cd: ")))
                .singleElement().asString().contains(id).contains("goes on");
        assertThat(r.out()).isEmpty();
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void noWaitPrintsTheIdAndDoesNotPoll() {
        Cli.Result r = run("--project", "my-corp", "--job", "slow", "--no-wait");

        assertThat(r.exit()).as(r.toString()).isZero();
        String id = onlyRunId();
        assertThat(r.out()).isEqualTo(id + "\n");
        assertThat(r.err()).contains("run " + id + " is");
        assertThat(posts()).isEqualTo(1);
        assertThat(ish.journal().count("GET", "/v1/")).isZero();
    }

    @Test
    void jsonPrintsOnlyTheFinalRunObject() throws Exception {
        Cli.Result r = run("--project", "my-corp", "--job", "backup", "--json");

        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("id").asText()).isEqualTo(onlyRunId());
        assertThat(run.path("status").asText()).isEqualTo("error");
        assertThat(run.path("duration").isNumber()).isTrue();
        assertThat(run.path("created").isNumber()).isTrue();
        assertThat(run.path("log").asText()).isEqualTo("[error] mysqldump: Access denied\n");
        assertThat(r.err()).contains("ended in error");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void stringTypedNumbersAreRead() throws Exception {
        ish.faults().numbersAsStrings(true);

        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=main", "--json");

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode run = new ObjectMapper().readTree(r.out());
        assertThat(run.path("created").isNumber()).as("created, sent as a string, printed as a number").isTrue();
        assertThat(run.path("status").asText()).isEqualTo("complete");
        assertThat(posts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--timeout=5x", "--timeout=90", "--timeout=0s", "--timeout=-5s", "--poll-max=soon",
        "--poll-initial=PT"})
    void badDurationExitsTwoWithOneSentence(String option) {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", option);

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("ish-cd: ").contains("duration");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void firstPollIntervalLongerThanTheMaximumExitsTwo() {
        lastResult = Cli.run(env, "run", "--project", "my-corp", "--job", "deploy", "--poll-initial", "1m",
                "--poll-max", "10s");

        assertThat(lastResult.exit()).as(lastResult.toString()).isEqualTo(2);
        assertThat(lastResult.err().lines()).singleElement().asString().contains("initial polling interval");
        assertThat(ish.journal().size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOEQUALS", "1BAD=x", "BAD-NAME=x", "=value"})
    void badEnvExitsTwoWithOneSentence(String assignment) {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", assignment);

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("ish-cd: ").contains("variable");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void variableGivenTwiceExitsTwo() {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--env", "BRANCH=a", "--env", "BRANCH=b");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("BRANCH is given twice");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void missingTokenExitsTwo() {
        Cli.Result r = run(Map.of("ISH_CD_BASE_URL", ish.baseUrl().toString()), "--project", "my-corp", "--job",
                "deploy");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("ISH_CD_TOKEN").contains("--token-file");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void tokenFileIsReadAndWinsOverTheVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        String canary = "canary-" + UUID.randomUUID();

        Cli.Result r = run(Map.of("ISH_CD_TOKEN", canary, "ISH_CD_BASE_URL", ish.baseUrl().toString()),
                "--project", "my-corp", "--job", "deploy", "--token-file", file.toString(), "--no-wait");

        assertThat(r.exit()).as(r.toString()).isZero();
        r.assertNoSecret(canary);
        assertThat(ish.journal().last().tokenName()).isEqualTo("cli tests");
    }

    @Test
    void missingTokenFileExitsTwo(@TempDir Path dir) {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--token-file", dir.resolve("nope").toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("does not exist");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void aTokenPastedWhereAFileNameOrArgumentGoesIsNeverEchoed() {
        String pasted = "eyJhbGciOiJIUzI1NiJ9.pasted-" + UUID.randomUUID();

        Cli.Result asFile = run("--project", "my-corp", "--job", "deploy", "--token-file", pasted);
        Cli.Result asArgument = run("--project", "my-corp", "--job", "deploy", pasted, "--projct");

        assertThat(asFile.exit()).as(asFile.toString()).isEqualTo(2);
        asFile.assertNoSecret(pasted);
        assertThat(asFile.err()).contains("--token-file does not exist");
        assertThat(asArgument.exit()).as(asArgument.toString()).isEqualTo(2);
        asArgument.assertNoSecret(pasted);
        assertThat(asArgument.err()).contains("'--projct'", "not shown");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void aHugeTokenFileOrADirectoryIsRefusedInOneSentence(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("app.log");
        Files.write(huge, new byte[1024 * 1024]);

        Cli.Result big = run("--project", "my-corp", "--job", "deploy", "--token-file", huge.toString());
        Cli.Result folder = run("--project", "my-corp", "--job", "deploy", "--token-file", dir.toString());

        assertThat(big.exit()).as(big.toString()).isEqualTo(2);
        assertThat(big.err().lines()).singleElement().asString().contains("larger than any API token");
        assertThat(folder.exit()).as(folder.toString()).isEqualTo(2);
        assertThat(folder.err().lines()).singleElement().asString().contains("is a directory");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void aTimeoutBeyondAYearIsBadInputNotAHang() {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--timeout", "200000d");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("longer than 365 d");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void baseUrlOptionWinsOverTheVariable() {
        Cli.Result r = run(Map.of("ISH_CD_TOKEN", token, "ISH_CD_BASE_URL", "https://ish-cd.invalid/v1"),
                "--project", "my-corp", "--job", "deploy", "--base-url", ish.baseUrl().toString(), "--no-wait");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void plainHttpToAnotherHostExitsTwo() {
        Cli.Result r = run("--project", "my-corp", "--job", "deploy", "--base-url", "http://ish.example.com/v1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("https");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void missingJobOptionExitsTwoWithOneLine() {
        lastResult = Cli.run(env, "run", "--project", "my-corp");

        assertThat(lastResult.exit()).as(lastResult.toString()).isEqualTo(2);
        assertThat(lastResult.err().lines()).singleElement().asString().contains("--job").contains("ish-cd run --help");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli.Result r = run("--project", "my-corp", "--job", "nope", "--debug");

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("NotFoundException").contains("\tat ");
    }
}
