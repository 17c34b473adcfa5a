package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ish-cd run} with the durations of earlier runs in the user's cache folder, against the emulator. */
class RunHistoryTest {
    private static final String USUALLY = "Ish CD job my-corp/deploy usually takes about 1 min 10 s (last 5 runs).";
    private static IshCdEmulator ish;
    private static String token;

    @TempDir
    Path cache;

    private Path file;
    private Map<String, String> env;

    @BeforeAll
    static void startEmulator() {
        ish = IshCdEmulator.builder()
                .project("my-corp", p -> p
                        .job("deploy", j -> j.queuedFor(Duration.ofMillis(20)).runningFor(Duration.ofMillis(100)))
                        .job("backup", j -> j.queuedFor(Duration.ZERO).runningFor(Duration.ofMillis(50))
                                .outcome(Outcome.ERROR)))
                .start();
        token = ish.issueToken("history tests");
    }

    @AfterAll
    static void stopEmulator() {
        ish.close();
    }

    @BeforeEach
    void environment() {
        env = new HashMap<>(Map.of("ISH_CD_TOKEN", token, "ISH_CD_BASE_URL", ish.baseUrl().toString(),
                "XDG_CACHE_HOME", cache.toString()));
        file = cache.resolve("ish-cd").resolve("job-durations.json");
        ish.journal().clear();
    }

    private Cli.Result run(String job, String... more) {
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[] {"run", "--poll-initial", "10ms", "--poll-max", "40ms", "--project=my-corp"}, 0,
                args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--job=" + job;
        Cli.Result r = Cli.run(env, all);
        return r.assertNoSecret(token);
    }

    private void seed(long... seconds) throws Exception {
        JobDurations d = new JobDurations();
        for (long s : seconds) {
            d.record(URI.create(ish.baseUrl().toString()), JobRef.of("my-corp", "deploy"), s);
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, d.toJson());
    }

    private JobDurations kept() throws Exception {
        return JobDurations.fromJson(Files.readString(file), file.toString(), problem -> {
            throw new AssertionError(problem);
        });
    }

    @Test
    void saysOnceWhatTheWaitExpectsAndLearnsTheRunsDuration() throws Exception {
        seed(68, 70, 70, 71, 72);
        Cli.Result r = run("deploy");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err().lines().filter(USUALLY::equals)).hasSize(1);
        assertThat(r.err().indexOf(USUALLY)).isLessThan(r.err().indexOf("Triggered Ish CD job"));
        ExpectedDuration now = kept().expected(URI.create(ish.baseUrl().toString()), JobRef.of("my-corp", "deploy"));
        assertThat(now.runs()).isEqualTo(6);
        assertThat(now.quantileSeconds(0)).isZero(); // the emulator's run took 0.1 s
        assertThat(Files.readString(file)).doesNotContain(token);
    }

    @Test
    void theFirstRunsCreateThePrivateCacheFolderAndSayNothingUntilFiveRunsAreKnown() throws Exception {
        for (int i = 0; i < JobDurations.MIN_RUNS; i++) {
            Cli.Result r = run("deploy");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).doesNotContain("usually takes");
        }
        assertThat(Files.isRegularFile(file)).isTrue();
        if (Files.getFileStore(cache).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
        assertThat(run("deploy").err()).contains("Ish CD job my-corp/deploy usually takes about 0 s (last 5 runs).");
    }

    @Test
    void anExpectedDurationIsSaidInsteadOfTheHistory() throws Exception {
        seed(68, 70, 70, 71, 72);
        Cli.Result r = run("deploy", "--expected", "10m");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Ish CD job my-corp/deploy is expected to take about 10 min.")
                .doesNotContain("usually takes");
        assertThat(kept().expected(URI.create(ish.baseUrl().toString()), JobRef.of("my-corp", "deploy")).runs())
                .isEqualTo(6);
    }

    @Test
    void anExpectedDurationOutOfRangeIsBadInputBeforeAnyTrigger() {
        Cli.Result r = run("deploy", "--expected", "400d");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("The expected duration of a run must be from 1 s to 366 d, not 400 d.");
        assertThat(ish.journal().count("POST", "/v1/projects/")).isZero();
    }

    @Test
    void noHistoryNeitherReadsNorWrites() throws Exception {
        seed(68, 70, 70, 71, 72);
        String before = Files.readString(file);
        Cli.Result r = run("deploy", "--no-history");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("usually takes");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aRunInErrorIsNotLearnt() {
        Cli.Result r = run("backup");
        assertThat(r.exit()).isEqualTo(ExitCode.RUN_ERROR);
        assertThat(file).doesNotExist();
    }

    @Test
    void aBrokenFileCostsOneLineAndIsReplacedByAGoodOne() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\":\"ish-cd-job-durations\",\"version\":1,\"jobs\":[{\"baseUrl\":");
        Cli.Result r = run("deploy");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("job durations"))).singleElement().asString()
                .startsWith("The Ish CD job durations in " + file + " cannot be used (not JSON, or cut short");
        assertThat(kept().size()).isEqualTo(1);
    }

    @Test
    void aCacheFolderThatCannotBeWrittenCostsOneLineNotTheRun() throws Exception {
        Path notAFolder = cache.resolve("plain-file");
        Files.writeString(notAFolder, "x", StandardCharsets.UTF_8);
        env.put("XDG_CACHE_HOME", notAFolder.toString());
        Cli.Result r = run("deploy");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("Could not save the durations of Ish CD runs to "
                + notAFolder.resolve("ish-cd").resolve("job-durations.json")))).hasSize(1);
    }

    @Test
    void theFileFollowsTheXdgRule() {
        assertThat(HistoryFile.locate(terminal(Map.of("XDG_CACHE_HOME", "/x/cache", "HOME", "/home/me"))))
                .isEqualTo(Path.of("/x/cache/ish-cd/job-durations.json"));
        // A relative XDG_CACHE_HOME is invalid per the specification: ignored.
        assertThat(HistoryFile.locate(terminal(Map.of("XDG_CACHE_HOME", "cache", "HOME", "/home/me"))))
                .isEqualTo(Path.of("/home/me/.cache/ish-cd/job-durations.json"));
        assertThat(HistoryFile.locate(terminal(Map.of("XDG_CACHE_HOME", " ", "HOME", "/home/me"))))
                .isEqualTo(Path.of("/home/me/.cache/ish-cd/job-durations.json"));
        assertThat(HistoryFile.locate(terminal(Map.of()))).isNull();
        assertThat(HistoryFile.locate(terminal(Map.of("HOME", "relative")))).isNull();
    }

    private static Terminal terminal(Map<String, String> env) {
        return new Terminal(env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
