package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.ManualClock;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the project's emulator of the Ish CD API, on a clock the test moves. */
class EmulatorEndToEndTest {
    private static final String RUNS = "/v1/projects/my-corp/jobs/deploy/runs";
    private static final WaitOptions FAST = WaitOptions.builder()
            .initialInterval(Duration.ofMillis(5)).maxInterval(Duration.ofMillis(20)).build();

    private final ManualClock clock = new ManualClock();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void onStatusChanged(JobRef job, Run run, RunStatus previous) {
            seen.add(run.rawStatus());
        }

        @Override
        public void onPollFailed(JobRef job, String runId, IshCdException failure, int n, Duration retryIn) {
            seen.add("failed: " + failure.getMessage());
        }
    };
    private IshCdEmulator emulator;
    private String token;
    private IshCdClient client;

    @BeforeEach
    void start() {
        emulator = IshCdEmulator.builder()
                .clock(clock)
                .project("my-corp", p -> p.id("p-17")
                        .job("deploy", j -> j.id("j-4").queuedFor(Duration.ofSeconds(5)).runningFor(Duration.ofSeconds(21))
                                .outcome(Outcome.COMPLETE).log("deploying ${BRANCH} ✓ ${GREETING}\n"))
                        .job("backup", j -> j.runningFor(Duration.ofSeconds(3)).outcome(Outcome.ERROR)
                                .log("[Exit: 1] disk full\n")))
                .start();
        token = emulator.issueToken("end-to-end");
        client = IshCdClient.builder().baseUrl(emulator.baseUrl()).token(token).build();
    }

    @AfterEach
    void stop() {
        emulator.close();
        assertThat(String.join("\n", seen)).doesNotContain(token);
    }

    @Test
    void runArrivesWithItsVariablesAndEndsCompleteWithTheLog() {
        CompletableFuture<Run> wait = client.runAsync(
                RunRequest.of(JobRef.of("my-corp", "deploy"), Map.of("BRANCH", "main", "GREETING", "grüße 日本")),
                FAST, listener);
        await().until(() -> seen.contains("queued") || emulator.journal().count("GET", RUNS + "/") > 0);
        clock.advance(Duration.ofSeconds(6));
        await().until(() -> seen.contains("running"));
        clock.advance(Duration.ofSeconds(30));

        Run run = wait.join();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(run.durationSeconds()).isEqualTo(21);
        assertThat(run.log()).isEqualTo("deploying main ✓ grüße 日本\n");
        assertThat(seen).containsExactly("running", "complete");
        assertThat(emulator.journal().count("POST", RUNS)).isEqualTo(1);
    }

    @Test
    void projectAndJobIdsWorkLikeMachineNames() {
        Run run = client.trigger(RunRequest.of(JobRef.of("p-17", "j-4")));
        assertThat(client.getRun(JobRef.of("my-corp", "deploy"), run.id()).id()).isEqualTo(run.id());
    }

    @Test
    void errorRunEndsNormallyWithItsLog() {
        CompletableFuture<Run> wait = client.runAsync(RunRequest.of(JobRef.of("my-corp", "backup")), FAST, listener);
        await().until(() -> emulator.journal().count("GET", "/v1/projects/my-corp/jobs/backup/runs/") > 0);
        clock.advance(Duration.ofSeconds(10));

        Run run = wait.join();

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.log()).contains("disk full");
    }

    @Test
    void gatewayErrorsDroppedConnectionsAndStringNumbersMidWaitAreSurvivedWithOnePost() {
        emulator.faults().failNext("GET", 2, 502).dropNext("GET", 1).numbersAsStrings(true);
        CompletableFuture<Run> wait = client.runAsync(RunRequest.of(JobRef.of("my-corp", "deploy")), FAST, listener);
        // Two 502s, one dropped connection (the JDK client may resend an idempotent GET by itself), then answers.
        await().until(() -> emulator.journal().count("GET", RUNS + "/") >= 5);
        clock.advance(Duration.ofMinutes(1));

        Run run = wait.join();

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(run.durationSeconds()).isEqualTo(21);
        assertThat(seen).filteredOn(s -> s.startsWith("failed: Ish CD answered HTTP 502")).hasSize(2);
        assertThat(seen).endsWith("complete");
        assertThat(emulator.journal().count("POST", RUNS)).isEqualTo(1);
    }

    @Test
    void revokedTokenIsRefusedAndUnknownJobIsNotFound() {
        emulator.revokeToken(token);
        AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                () -> client.trigger(RunRequest.of(JobRef.of("my-corp", "deploy"))));
        assertThat(refused.httpStatus()).isEqualTo(403);
        assertThat(refused.getMessage()).doesNotContain(token);

        IshCdClient valid = IshCdClient.builder().baseUrl(emulator.baseUrl()).token(emulator.issueToken("x")).build();
        NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                () -> valid.trigger(RunRequest.of(JobRef.of("my-corp", "nope"))));
        assertThat(missing.getMessage()).contains("found no project 'my-corp' with a job 'nope'");
        assertThat(emulator.journal().count("POST", "/v1/projects/my-corp/jobs/")).isEqualTo(2);
    }

    @Test
    void connectionTestAndReadEndpointsWork() {
        assertThat(ConnectionTest.run(client).message()).endsWith("the token was accepted and 1 project is visible.");
        assertThat(client.catalog().listJobs("my-corp")).extracting(Job::name).containsExactlyInAnyOrder("deploy", "backup");
        assertThat(client.catalog().getProject("p-17").name()).isEqualTo("my-corp");
    }
}
