package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final String RUNS = "/projects/my-corp/jobs/deploy/runs";

    private final ManualClock clock = new ManualClock();
    private IshCdEmulator emulator;
    private TestHttp http;
    private String token;

    @BeforeEach
    void start() {
        emulator = IshCdEmulator.builder().clock(clock)
                .project("my-corp", p -> p
                        .job("deploy", j -> j.queuedFor(Duration.ofSeconds(1)).runningFor(Duration.ofSeconds(26)).log("ok\n"))
                        .job("backup", j -> j.faults(f -> f.failNext("POST", 1, 503))))
                .start();
        http = new TestHttp(emulator);
        token = emulator.issueToken("test");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void failNextAnswersHtml5xxThenRecovers() {
        emulator.faults().failNext("POST", 2, 502);

        HttpResponse<String> first = http.post(RUNS, token, null);
        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(first.body()).contains("<title>502 Bad Gateway</title>").contains("nginx");
        assertThat(http.post(RUNS, token, null).statusCode()).isEqualTo(502);
        assertThat(http.post(RUNS, token, null).statusCode()).isEqualTo(201);
        assertThat(emulator.runs()).hasSize(1);
        assertThat(emulator.journal().count("POST", RUNS.replace("/projects", "/v1/projects"))).isEqualTo(3);
    }

    @Test
    void faultsTargetAMethodOnly() {
        String id = createRun();
        emulator.runFaults(id).failNext("GET", 2, 504);

        assertThat(http.post(RUNS, token, null).statusCode()).isEqualTo(201);
        assertThat(http.get(RUNS + "/" + id, token).statusCode()).isEqualTo(504);
        assertThat(http.get(RUNS + "/" + id, token).statusCode()).isEqualTo(504);
        assertThat(http.get(RUNS + "/" + id, token).statusCode()).isEqualTo(200);
    }

    @Test
    void runFaultsTouchOnlyThatRun() {
        String failing = createRun();
        String healthy = createRun();
        emulator.runFaults(failing).failNext("GET", 1, 500);

        assertThat(http.get(RUNS + "/" + healthy, token).statusCode()).isEqualTo(200);
        HttpResponse<String> failed = http.get(RUNS + "/" + failing, token);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("unexpected error");
    }

    @Test
    void jobFaultsFromTheBuilderTouchOnlyThatJob() {
        assertThat(http.post(RUNS, token, null).statusCode()).isEqualTo(201);
        assertThat(http.post("/projects/my-corp/jobs/backup/runs", token, null).statusCode()).isEqualTo(503);
        assertThat(http.post("/projects/my-corp/jobs/backup/runs", token, null).statusCode()).isEqualTo(201);
    }

    @Test
    void faultsStrikeBeforeTheTokenIsChecked() {
        emulator.faults().failNext(1, 502);

        assertThat(http.get("/projects", "bad").statusCode()).isEqualTo(502);
        assertThat(http.get("/projects", "bad").statusCode()).isEqualTo(403);
    }

    @Test
    void failShareIsRepeatableWithItsSeed() {
        assertThat(statusesWithShare(7)).isEqualTo(statusesWithShare(7)).contains(200, 503);
        emulator.faults().clear().failShare(null, 0, 503, 1);
        assertThat(http.get("/projects", token).statusCode()).isEqualTo(200);
        emulator.faults().clear().failShare(null, 1, 503, 1);
        assertThat(http.get("/projects", token).statusCode()).isEqualTo(503);
    }

    @Test
    void rateLimitSendsRetryAfterWhenAsked() {
        emulator.faults().rateLimitNext("GET", 1, Duration.ofMillis(1500)).rateLimitNext("GET", 1, null);

        HttpResponse<String> withHeader = http.get("/projects", token);
        assertThat(withHeader.statusCode()).isEqualTo(429);
        assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("2");
        HttpResponse<String> without = http.get("/projects", token);
        assertThat(without.statusCode()).isEqualTo(429);
        assertThat(without.headers().firstValue("Retry-After")).isEmpty();
        assertThat(http.get("/projects", token).statusCode()).isEqualTo(200);
    }

    @Test
    void droppedConnectionIsAnIOExceptionAndNothingIsCreated() throws Exception {
        emulator.faults().dropNext("POST", 1);

        assertThatThrownBy(() -> http.sendOrThrow("POST", RUNS, token, "{}")).isInstanceOf(IOException.class);
        assertThat(emulator.runs()).isEmpty();
        assertThat(emulator.journal().last().status()).isEqualTo(RecordedRequest.NO_ANSWER);
        assertThat(http.post(RUNS, token, null).statusCode()).isEqualTo(201);
    }

    @Test
    void droppedAfterProcessingHasCreatedTheRun() {
        emulator.faults().dropNextAfterProcessing("POST", 1);

        assertThatThrownBy(() -> http.sendOrThrow("POST", RUNS, token, null)).isInstanceOf(IOException.class);
        assertThat(emulator.runs()).hasSize(1);
        assertThat(emulator.journal().count("POST", "/v1/projects")).isEqualTo(1);
        assertThat(emulator.journal().last().tokenName()).isEqualTo("test");
    }

    @Test
    void failAfterProcessingHasCreatedTheRun() {
        emulator.faults().failNextAfterProcessing("POST", 1, 504);

        assertThat(http.post(RUNS, token, null).statusCode()).isEqualTo(504);
        assertThat(emulator.runs()).hasSize(1);
    }

    @Test
    void latencyDelaysAnswersInRealTime() {
        emulator.faults(RUNS.split("/")[2], "deploy").latency(Duration.ofMillis(300));

        long start = System.nanoTime();
        http.post(RUNS, token, null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        start = System.nanoTime();
        http.get("/projects", token);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void numbersAsStringsLikeTheSeedsSecondExample() {
        String id = createRun();
        emulator.faults().numbersAsStrings(true);
        clock.advanceSeconds(30);

        JsonNode run = TestHttp.json(http.get(RUNS + "/" + id, token));

        assertThat(run.get("duration").isTextual()).isTrue();
        assertThat(run.get("duration").asText()).isEqualTo("26");
        assertThat(run.get("created").asText()).isEqualTo("1498714037");
        assertThat(run.get("changed").asText()).isEqualTo("1498714064");
        assertThat(run.get("created").isTextual()).isTrue();
    }

    @Test
    void hugeLogPadsAFinishedRunsLog() {
        String id = createRun();
        emulator.faults("my-corp", "deploy").hugeLog(5_000_000);

        assertThat(TestHttp.json(http.get(RUNS + "/" + id, token)).has("log")).isFalse();
        clock.advanceSeconds(30);
        String log = TestHttp.json(http.get(RUNS + "/" + id, token)).get("log").asText();

        assertThat(log).startsWith("ok\n").hasSizeGreaterThanOrEqualTo(5_000_000);
    }

    @Test
    void unknownStatusIsReportedForAWhileThenTheRunGoesOn() {
        emulator.faults().unknownStatus("paused", Duration.ofSeconds(10));
        String id = createRun();
        emulator.faults().clear();
        String path = RUNS + "/" + id;

        clock.advanceSeconds(2);
        JsonNode paused = TestHttp.json(http.get(path, token));
        assertThat(paused.get("status").asText()).isEqualTo("paused");
        assertThat(paused.get("changed").asLong()).isEqualTo(ManualClock.SEED_EPOCH.getEpochSecond() + 1);
        clock.advanceSeconds(10);
        assertThat(TestHttp.json(http.get(path, token)).get("status").asText()).isEqualTo("running");
        clock.advanceSeconds(26);
        assertThat(TestHttp.json(http.get(path, token)).get("status").asText()).isEqualTo("complete");
    }

    @Test
    void outcomeNextDecidesHowTheNextRunsEndInTheirScope() {
        emulator.faults("my-corp", "deploy").outcomeNext(Outcome.ERROR, 1);
        emulator.faults().outcomeNext(Outcome.ERROR, 1);
        String jobScoped = createRun();
        String globalScoped = createRun();
        String normal = createRun();
        clock.advanceSeconds(30);

        assertThat(emulator.runState(jobScoped)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("error"));
        assertThat(emulator.runState(globalScoped)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("error"));
        assertThat(emulator.runState(normal)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("complete"));
        assertThat(emulator.run(jobScoped).orElseThrow().outcome()).isEqualTo(Outcome.ERROR);
        assertThatThrownBy(() -> new Faults().outcomeNext(Outcome.ERROR, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void outcomeNextCanGiveEachRunARunningTimeOfItsOwn() {
        emulator.faults("my-corp", "deploy").outcomeNext(Outcome.COMPLETE, Duration.ofMillis(61_500), 1)
                .outcomeNext(Outcome.ERROR, Duration.ofSeconds(3), 1);
        String late = createRun();
        String early = createRun();
        String usual = createRun();
        clock.advanceSeconds(1 + 3);

        assertThat(emulator.runState(early)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("error"));
        assertThat(emulator.runState(early).orElseThrow().duration()).isEqualTo(3);
        assertThat(emulator.runState(late).orElseThrow().status()).isEqualTo("running");
        clock.advanceSeconds(26 - 3);
        assertThat(emulator.runState(usual).orElseThrow().status()).as("the job's own 26 s").isEqualTo("complete");
        assertThat(emulator.runState(late).orElseThrow().status()).isEqualTo("running");
        assertThat(emulator.run(late).orElseThrow().finishes()).isEqualTo(ManualClock.SEED_EPOCH.plusMillis(62_500));
        clock.advanceSeconds(62 - 26);
        assertThat(emulator.runState(late).orElseThrow().status()).isEqualTo("complete");
        assertThat(emulator.runState(late).orElseThrow().duration()).as("whole seconds").isEqualTo(61);
        assertThatThrownBy(() -> new Faults().outcomeNext(Outcome.ERROR, Duration.ofSeconds(-1), 1))
                .hasMessageContaining("zero or more");
    }

    @Test
    void faultsCanBeSwitchedWhileAClientWaits() {
        String id = createRun();
        String path = RUNS + "/" + id;
        assertThat(http.get(path, token).statusCode()).isEqualTo(200);
        emulator.faults("my-corp", "deploy").failNext("GET", 1, 502);
        assertThat(http.get(path, token).statusCode()).isEqualTo(502);
        emulator.faults("my-corp", "deploy").failNext("GET", 5, 503).clear();
        assertThat(http.get(path, token).statusCode()).isEqualTo(200);
    }

    @Test
    void badSettingsAreRefused() {
        Faults faults = new Faults();
        assertThatThrownBy(() -> faults.failNext(0, 502)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext(1, 302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failShare(null, 1.5, 502, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.latency(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.faults("my-corp", "nope")).hasMessageContaining("nope");
        assertThatThrownBy(() -> emulator.runFaults("nope")).hasMessageContaining("nope");
    }

    @Test
    void countedFaultsAreUsedInTheOrderAdded() {
        Faults faults = new Faults().failNext("GET", 1, 502).rateLimitNext(null, 1, null);

        assertThat(faults.take("POST", Fault.Phase.BEFORE).status()).isEqualTo(429);
        assertThat(faults.take("GET", Fault.Phase.BEFORE).status()).isEqualTo(502);
        assertThat(faults.take("GET", Fault.Phase.BEFORE)).isNull();
    }

    private List<Integer> statusesWithShare(long seed) {
        emulator.faults().clear().failShare("GET", 0.5, 503, seed);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(http.get("/projects", token).statusCode());
        }
        return statuses;
    }

    private String createRun() {
        return TestHttp.json(http.post(RUNS, token, null)).get("id").asText();
    }
}
