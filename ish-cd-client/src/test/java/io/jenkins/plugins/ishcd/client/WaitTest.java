package io.jenkins.plugins.ishcd.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.CANARY;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.FAST;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.JOB;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUN;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUNS;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUN_ID;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.json;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.run;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting for a run: back-off, status changes, tolerated and fatal failures, timeout, cancel. */
class WaitTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final IshCdClient client = WireMockSupport.client(server);
    private final Recorder events = new Recorder();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logLines.add(r.getMessage() + " " + r.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** Records what a listener sees, as the sentences users would read. */
    static final class Recorder implements RunListener {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void onTriggered(JobRef job, Run run) {
            lines.add(RunReport.queued(job, run));
        }

        @Override
        public void onStatusChanged(JobRef job, Run run, RunStatus previous) {
            lines.add(previous + "->" + run.rawStatus());
        }

        @Override
        public void onPollFailed(JobRef job, String runId, IshCdException failure, int n, Duration retryIn) {
            lines.add("failed " + n + ": " + failure.getMessage());
        }
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("io.jenkins.plugins.ishcd").addHandler(logHandler);
    }

    @AfterEach
    void canaryNeverAppears() {
        Logger.getLogger("io.jenkins.plugins.ishcd").removeHandler(logHandler);
        assertThat(String.join("\n", events.lines)).doesNotContain(CANARY);
        assertThat(String.join("\n", logLines)).doesNotContain(CANARY);
    }

    @Test
    void runTriggersOnceReportsEachStatusChangeOnceAndReturnsTheLog() {
        server.stubFor(post(RUNS).willReturn(json(run("queued", 0, ""))));
        sequence(server, json(run("queued", 0, "")), json(run("running", 1, "")), json(run("running", 2, "")),
                json(run("running", 3, "")), json(run("complete", "\"26\"", ", \"log\": \"done\\n\"")));

        Run done = client.run(RunRequest.of(JOB, Map.of("BRANCH", "main")), FAST, events);

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(done.log()).isEqualTo("done\n");
        assertThat(events.lines).containsExactly(
                "Triggered Ish CD job my-corp/deploy: run " + RUN_ID + " is queued.",
                "QUEUED->running",
                "RUNNING->complete");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
        server.verify(5, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void anErrorRunIsANormalEndNotAFailure() {
        sequence(server, json(run("running", 1, "")), json(run("error", 4, ", \"log\": \"[Exit: 1]\"")));

        Run run = client.waitFor(JOB, RUN_ID, FAST, events);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.log()).isEqualTo("[Exit: 1]");
        assertThat(events.lines).containsExactly("null->running", "RUNNING->error");
    }

    @Test
    void aKnownStatusIsNotAnnouncedAgainAfterAResume() throws Exception {
        sequence(server, json(run("running", 1, "")), json(run("complete", 2, "")));

        client.waitForAsync(JOB, RUN_ID, RunStatus.RUNNING, FAST, events).get();

        assertThat(events.lines).containsExactly("RUNNING->complete");
    }

    @Test
    void htmlGatewayPageAndResetAndGarbageMidWaitAreToleratedAndReported() {
        server.stubFor(post(RUNS).willReturn(json(run("queued", 0, ""))));
        sequence(server,
                json(run("running", 1, "")),
                aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                json("<html>not json</html>"),
                aResponse().withStatus(429).withHeader("Retry-After", "0"),
                json(run("complete", 9, "")));

        Run done = client.run(RunRequest.of(JOB), FAST, events);

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(events.lines).hasSize(7);
        assertThat(events.lines.get(2)).isEqualTo("failed 1: Ish CD answered HTTP 502 when reading run " + RUN_ID
                + " of my-corp/deploy: \"502 Bad Gateway nginx\".");
        assertThat(events.lines.get(3)).startsWith("failed 2: Could not talk to Ish CD");
        assertThat(events.lines.get(4)).startsWith("failed 3: Ish CD sent an answer that could not be read");
        assertThat(events.lines.get(5)).startsWith("failed 4: Ish CD is limiting the rate of requests (HTTP 429)");
        assertThat(events.lines.get(6)).isEqualTo("RUNNING->complete");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void tooManyFailuresInARowEndTheWaitWithTheLastCause() {
        server.stubFor(get(RUN).willReturn(aResponse().withStatus(503)));
        WaitOptions twoFailures = FAST.toBuilder().maxConsecutiveFailures(2).build();

        ServerException e = catchThrowableOfType(ServerException.class, () -> client.waitFor(JOB, RUN_ID, twoFailures, events));

        assertThat(e.getMessage()).isEqualTo("Ish CD answered HTTP 503 when reading run " + RUN_ID + " of my-corp/deploy."
                + " Gave up after 3 failed polls in a row; the run may go on in Ish CD.");
        assertThat(e.runId()).isEqualTo(RUN_ID);
        server.verify(3, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void revokedTokenMidWaitFailsAtOnce() {
        sequence(server, json(run("running", 1, "")), aResponse().withStatus(403));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client.waitFor(JOB, RUN_ID, FAST, events));

        assertThat(e.runId()).isEqualTo(RUN_ID);
        assertThat(e).hasMessageEndingWith("Stopped waiting for run " + RUN_ID + ", which may go on in Ish CD.")
                .hasMessageNotContaining(CANARY);
        server.verify(2, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void anAbsurdRetryAfterOnAPollIsIgnoredRatherThanOverflowing() {
        sequence(server, aResponse().withStatus(503).withHeader("Retry-After", "99999999999"),
                json(run("complete", 1, "")));

        assertThat(client.waitFor(JOB, RUN_ID, FAST, events).status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(events.lines.get(0)).startsWith("failed 1: Ish CD answered HTTP 503").doesNotContain("retry after");
    }

    @Test
    void retryAfterIsHonouredBetweenPolls() {
        sequence(server, aResponse().withStatus(429).withHeader("Retry-After", "1"), json(run("complete", 1, "")));
        long start = System.nanoTime();

        client.waitFor(JOB, RUN_ID, FAST, events);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(events.lines.get(0)).contains("asked to retry after 1 s");
    }

    @Test
    void anUnknownStatusIsReportedThenToleratedForALimitedTime() {
        server.stubFor(get(RUN).willReturn(json(run("paused", 1, ""))));
        WaitOptions limit = FAST.toBuilder().unknownStatusLimit(Duration.ofMillis(100)).build();

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> client.waitFor(JOB, RUN_ID, limit, events));

        assertThat(events.lines).containsExactly("null->paused");
        assertThat(e.getMessage()).isEqualTo("Ish CD has reported status 'paused' for run " + RUN_ID + " of my-corp/deploy"
                + " for more than 100 ms; this client knows only queued, running, complete and error, so it stopped"
                + " waiting. The run may go on: check it in Ish CD.");
    }

    @Test
    void timeoutNamesTheRunItsLastStatusAndThatItGoesOn() {
        server.stubFor(get(RUN).willReturn(json(run("running", 1, ""))));
        WaitOptions shortWait = FAST.toBuilder().timeout(Duration.ofMillis(150)).build();

        WaitTimeoutException e = catchThrowableOfType(WaitTimeoutException.class,
                () -> client.waitFor(JOB, RUN_ID, shortWait, events));

        assertThat(e).hasMessage("Stopped waiting for Ish CD run " + RUN_ID + " of my-corp/deploy after the timeout of"
                + " 150 ms; its last status was 'running'. The run goes on in Ish CD, which has no way to cancel it.");
        assertThat(e.lastSeen().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void cancellingTheWaitStopsThePolling() {
        server.stubFor(get(RUN).willReturn(json(run("running", 1, ""))));
        CompletableFuture<Run> wait = client.waitForAsync(JOB, RUN_ID, null, FAST, events);
        await().until(() -> server.countRequestsMatching(getRequestedFor(urlPathEqualTo(RUN)).build()).getCount() >= 2);

        wait.cancel(true);
        int afterCancel = server.countRequestsMatching(getRequestedFor(urlPathEqualTo(RUN)).build()).getCount();

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() ->
                server.countRequestsMatching(getRequestedFor(urlPathEqualTo(RUN)).build()).getCount() <= afterCancel + 1);
    }

    @Test
    void triggerFailureEndsRunAsyncWithoutAnyPoll() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(404)));

        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> client.run(RunRequest.of(JOB), FAST, events));

        assertThat(e.getMessage()).contains("found no project 'my-corp'");
        assertThat(events.lines).isEmpty();
        server.verify(0, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheWait() {
        sequence(server, json(run("running", 1, "")), json(run("complete", 2, "")));
        RunListener broken = new RunListener() {
            @Override
            public void onStatusChanged(JobRef job, Run run, RunStatus previous) {
                throw new IllegalStateException("listener bug");
            }
        };

        assertThat(client.waitFor(JOB, RUN_ID, FAST, broken).status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(logLines).anyMatch(l -> l.contains("listener bug"));
    }
}
