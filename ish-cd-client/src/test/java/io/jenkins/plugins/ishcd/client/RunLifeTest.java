package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.ManualClock;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import io.jenkins.plugins.ishcd.emulator.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One run's life against the emulator: trigger, wait, stop, shutdown, resume, refused tokens, heartbeat. */
class RunLifeTest {
    private static final String RUNS = ".*/runs";
    private static final JobRef DEPLOY = JobRef.of("my-corp", "deploy");
    private static final JobRef SLOW = JobRef.of("my-corp", "slow");

    private final ManualClock clock = new ManualClock();
    private IshCdEmulator ish;
    private RequestScheduler scheduler;
    /** One thread, as a busy controller might give: a life must not need more. */
    private ExecutorService pool;
    private volatile String token;
    private String firstToken;

    @BeforeEach
    void start() {
        ish = IshCdEmulator.builder()
                .clock(clock)
                .authFailureStatus(401)
                .project("my-corp", p -> p
                        .job("deploy", j -> j.queuedFor(Duration.ofSeconds(1)).runningFor(Duration.ofSeconds(26))
                                .log("deployed\n"))
                        .job("broken", j -> j.runningFor(Duration.ofSeconds(3)).outcome(Outcome.ERROR).log("boom\n"))
                        .job("slow", j -> j.runningFor(Duration.ofHours(5)).log("slow done\n")))
                .start();
        firstToken = ish.issueToken("first");
        token = firstToken;
        scheduler = IshCdExecutors.newScheduler("life-test");
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() {
        scheduler.shutdown();
        pool.shutdownNow();
        ish.close();
    }

    private IshCdClient client(String baseUrl) {
        return IshCdClient.builder().baseUrl(baseUrl).token(token).scheduler(scheduler).build();
    }

    private FakeHost host() {
        return new FakeHost(() -> client(ish.baseUrl().toString()));
    }

    private RunLife trigger(RunMemo memo, FakeHost host) {
        return RunLife.trigger(memo, RunRequest.of(memo.job(), Map.of()), host, pool, clock);
    }

    private int posts() {
        return ish.journal().count("POST", RUNS);
    }

    private int gets() {
        return ish.journal().count("GET", ".*/runs/.*");
    }

    private String onlyRunId() {
        assertThat(ish.runs()).hasSize(1);
        return ish.runs().get(0).id();
    }

    /** Holds the life's only thread, so that events queue up behind it; count down to release. */
    private CountDownLatch holdPool() {
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    @Test
    void triggersWaitsAndFinishes() throws Exception {
        FakeHost host = host();
        RunMemo memo = RunMemo.of(DEPLOY);
        RunLife life = trigger(memo, host);
        await().until(() -> life.state() == RunLife.State.WAITING);
        clock.advance(Duration.ofMinutes(1));
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        String id = onlyRunId();
        assertThat(host.lines).first().isEqualTo("Triggered Ish CD job my-corp/deploy: run " + id + " is queued.");
        assertThat(host.lines).last().isEqualTo("Ish CD run " + id + " has ended.");
        assertThat(host.shown).first().isEqualTo("created " + id + " queued");
        assertThat(host.shown).last().isEqualTo("finished complete");
        assertThat(((Map<?, ?>) host.value).get("status")).isEqualTo("complete");
        assertThat(memo.runId()).isEqualTo(id);
        assertThat(memo.lastStatus()).isEqualTo("complete");
        assertThat(life.state()).isEqualTo(RunLife.State.FINISHED);
        assertThat(host.ends).hasSize(1);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void blocksRestartUntilTheTriggerIsAnswered() {
        ish.faults("my-corp", "slow").latency(Duration.ofMillis(500));
        FakeHost host = host();
        RunLife life = trigger(RunMemo.of(SLOW), host);
        assertThat(life.blocksRestart()).isTrue();
        await().until(() -> life.state() == RunLife.State.TRIGGERING);
        assertThat(life.blocksRestart()).isTrue();
        assertThat(life.status()).isEqualTo("triggering Ish CD job my-corp/slow");
        await().until(() -> life.state() == RunLife.State.WAITING);
        assertThat(life.blocksRestart()).isFalse();
        assertThat(life.status()).isEqualTo("waiting for Ish CD run " + onlyRunId() + " of my-corp/slow (queued)");
    }

    @Test
    void stopDuringTheTriggerSaysSoOnceAndStillReportsTheRunItCreated() throws Exception {
        ish.faults("my-corp", "slow").latency(Duration.ofSeconds(1));
        FakeHost host = host();
        RunMemo memo = RunMemo.of(SLOW);
        RunLife life = trigger(memo, host);
        await().until(() -> life.state() == RunLife.State.TRIGGERING);
        CountDownLatch release = holdPool();
        life.stop(new Exception("aborted"));
        life.stop(new Exception("aborted again"));
        await().until(() -> posts() == 1); // the POST reached Ish CD before the stop was handled
        release.countDown();
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("stopped: aborted");
        String id = onlyRunId();
        await().until(() -> host.count("Stopped waiting for Ish CD run " + id) == 1);
        life.shutDown().get(10, TimeUnit.SECONDS); // handled after everything posted before
        assertThat(host.count("Stopped while triggering Ish CD job my-corp/slow")).isEqualTo(1);
        assertThat(host.count("Stopped waiting")).isEqualTo(1);
        assertThat(host.shown).containsExactly("created " + id + " queued");
        assertThat(host.ends).containsExactly("stopped: aborted");
        assertThat(memo.runId()).isEqualTo(id);
        assertThat(gets()).isZero();
    }

    @Test
    void stopDuringTheWaitNamesTheRunOnce() throws Exception {
        FakeHost host = host();
        RunLife life = trigger(RunMemo.of(SLOW), host);
        await().until(() -> life.state() == RunLife.State.WAITING);
        life.stop(new Exception("aborted"));
        life.stop(new Exception("aborted again"));
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("stopped: aborted");
        life.shutDown().get(10, TimeUnit.SECONDS);
        assertThat(host.count("Stopped waiting for Ish CD run " + onlyRunId() + " of my-corp/slow. The run goes on"))
                .isEqualTo(1);
        assertThat(host.ends).hasSize(1);
        assertThat(life.state()).isEqualTo(RunLife.State.STOPPED);
    }

    @Test
    void aShutdownTouchesNothingButKeepsTheIdOfARunCreatedDuringIt() throws Exception {
        ish.faults("my-corp", "slow").latency(Duration.ofSeconds(1));
        FakeHost host = host();
        RunMemo memo = RunMemo.of(SLOW);
        RunLife life = trigger(memo, host);
        await().until(() -> life.state() == RunLife.State.TRIGGERING);
        CountDownLatch release = holdPool();
        var handled = life.shutDown();
        await().until(() -> posts() == 1);
        release.countDown();
        handled.get(10, TimeUnit.SECONDS);
        await().until(() -> memo.runId() != null);
        assertThat(memo.runId()).isEqualTo(onlyRunId());
        life.stop(new Exception("too late"));
        life.shutDown().get(10, TimeUnit.SECONDS);
        assertThat(host.lines).isEmpty();
        assertThat(host.shown).isEmpty();
        assertThat(host.ends).isEmpty();
        assertThat(life.state()).isEqualTo(RunLife.State.SHUT_DOWN);
    }

    @Test
    void aResumeWaitsForTheSameRunAndNeverTriggers() throws Exception {
        FakeHost before = host();
        RunMemo memo = RunMemo.of(SLOW);
        RunLife first = trigger(memo, before);
        await().until(() -> first.state() == RunLife.State.WAITING);
        first.shutDown().get(10, TimeUnit.SECONDS);
        String id = onlyRunId();

        FakeHost after = host();
        RunLife.resume(memo, after, pool, clock);
        await().until(() -> after.count("After a restart, waiting again for Ish CD run " + id + " of my-corp/slow.") == 1);
        clock.advance(Duration.ofHours(6));
        assertThat(after.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        assertThat(after.shown).first().isEqualTo("resumed " + id + " queued");
        assertThat(before.ends).isEmpty();
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aResumeWithoutARunIdSaysWhetherARunMayExist() throws Exception {
        FakeHost host = host();
        RunLife.resume(RunMemo.of(SLOW), host, pool, clock);
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("failed: A restart came before Ish CD job my-corp/slow"
                + " was triggered: no run was created; start it again.");

        RunMemo sent = RunMemo.of(SLOW);
        sent.sendingTrigger();
        FakeHost maybe = host();
        RunLife.resume(sent, maybe, pool, clock);
        assertThat(maybe.end.get(10, TimeUnit.SECONDS)).startsWith("failed: A restart came while triggering Ish CD job"
                + " my-corp/slow, before Ish CD answered with a run id: a run may have been created;");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void aResumeGoesToTheApiUrlConfiguredNowAndSaysSo() throws Exception {
        RunMemo memo = RunMemo.of(SLOW);
        RunLife first = trigger(memo, host());
        await().until(() -> first.state() == RunLife.State.WAITING);
        first.shutDown().get(10, TimeUnit.SECONDS);
        String moved = "http://localhost:" + ish.port() + "/v1";
        FakeHost after = new FakeHost(() -> client(moved));
        RunLife.resume(memo, after, pool, clock);
        await().until(() -> after.count("The Ish CD API URL is now " + moved + " (it was " + ish.baseUrl() + ")") == 1);
        ish.journal().clear();
        await().until(() -> gets() > 0);
        assertThat(ish.journal().requests()).allSatisfy(r ->
                assertThat(r.header("Host")).contains("localhost:" + ish.port()));
        assertThat(memo.baseUrl()).isEqualTo(moved);
    }

    @Test
    void anAwaitWaitsForARunTriggeredEarlierPollingAtOnceAndNeverTriggers() throws Exception {
        FakeHost triggering = host();
        triggering.waitForRun = false;
        trigger(RunMemo.of(SLOW), triggering);
        assertThat(triggering.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        Map<?, ?> queued = (Map<?, ?>) triggering.value;
        assertThat(queued.get("project")).isEqualTo("my-corp");
        assertThat(queued.get("job")).isEqualTo("slow");
        String id = onlyRunId();
        assertThat(queued.get("id")).isEqualTo(id);

        FakeHost waiting = host();
        RunMemo memo = RunMemo.ofRun(SLOW, id);
        RunLife life = RunLife.await(memo, waiting, pool, clock);
        await().until(() -> waiting.count("Waiting for Ish CD run " + id + " of my-corp/slow.") == 1);
        assertThat(life.blocksRestart()).isFalse();
        await().atMost(Duration.ofMillis(1500)).until(() -> gets() > 0); // at once, not after the first interval
        clock.advance(Duration.ofHours(6));
        assertThat(waiting.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        assertThat(((Map<?, ?>) waiting.value).get("status")).isEqualTo("complete");
        assertThat(memo.lastStatus()).isEqualTo("complete");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void anAwaitOfARunThatDoesNotExistIsOneSentenceNamingIt() throws Exception {
        FakeHost host = host();
        RunLife.await(RunMemo.ofRun(DEPLOY, "no-such-run"), host, pool, clock);
        assertThat(host.end.get(10, TimeUnit.SECONDS)).startsWith("failed: ").contains("no-such-run");
        assertThat(posts()).isZero();
    }

    @Test
    void aMemoOfARunNeedsItsId() {
        assertThatThrownBy(() -> RunMemo.ofRun(DEPLOY, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Ish CD run id to wait for is empty: give the id that ishRun (or the trigger) returned.");
    }

    @Test
    void withoutWaitingTheQueuedRunIsTheResultAlsoAfterAResume() throws Exception {
        FakeHost host = host();
        host.waitForRun = false;
        RunMemo memo = RunMemo.of(SLOW);
        trigger(memo, host);
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        assertThat(((Map<?, ?>) host.value).get("status")).isEqualTo("queued");
        FakeHost after = host();
        after.waitForRun = false;
        RunLife.resume(memo, after, pool, clock);
        assertThat(after.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        assertThat(((Map<?, ?>) after.value).keySet()).isEqualTo(((Map<?, ?>) host.value).keySet());
        assertThat(gets()).isZero();
    }

    @Test
    void aRunEndingInErrorFailsOnlyWhenPropagating() throws Exception {
        JobRef broken = JobRef.of("my-corp", "broken");
        FakeHost failing = host();
        trigger(RunMemo.of(broken), failing);
        FakeHost lenient = host();
        lenient.propagate = false;
        trigger(RunMemo.of(broken), lenient);
        await().until(() -> posts() == 2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(failing.end.get(10, TimeUnit.SECONDS)).startsWith("failed: Ish CD run ").contains("ended in error");
        assertThat(lenient.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        assertThat(((Map<?, ?>) lenient.value).get("status")).isEqualTo("error");
    }

    @Test
    void aHostThatCannotConnectEndsWithItsSentenceAndNothingIsSent() throws Exception {
        FakeHost host = new FakeHost(() -> {
            throw new IOException("No Secret text credential with id 'nope' is available to this build.");
        });
        trigger(RunMemo.of(DEPLOY), host);
        assertThat(host.end.get(10, TimeUnit.SECONDS))
                .isEqualTo("failed: No Secret text credential with id 'nope' is available to this build.");
        assertThat(ish.journal().size()).isZero();
    }

    @Test
    void aRefusedTokenIsLookedUpAgainSoARotatedCredentialIsUsed() throws Exception {
        FakeHost host = host();
        RunLife life = trigger(RunMemo.of(SLOW), host);
        await().until(() -> life.state() == RunLife.State.WAITING && gets() > 0);
        token = ish.issueToken("second");
        ish.revokeToken(firstToken);
        String id = onlyRunId();
        await().until(() -> host.count("Ish CD refused the API token while waiting for run " + id) == 1);
        await().until(() -> ish.journal().requests("GET", ".*/runs/.*").stream()
                .anyMatch(r -> "second".equals(r.tokenName())));
        clock.advance(Duration.ofHours(6));
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
        assertThat(ish.journal().requests("GET", ".*/runs/.*")).extracting(RecordedRequest::status).contains(401);
    }

    @Test
    void aTokenRefusedAgainAfterTheLookUpEndsTheWaitNamingTheRun() throws Exception {
        FakeHost host = host();
        RunLife life = trigger(RunMemo.of(SLOW), host);
        await().until(() -> life.state() == RunLife.State.WAITING && gets() > 0);
        ish.revokeToken(firstToken);
        String end = host.end.get(10, TimeUnit.SECONDS);
        String id = onlyRunId();
        assertThat(end).startsWith("failed: Ish CD refused the API token (HTTP 401)").contains(id);
        assertThat(host.count("looking up the credential again")).isEqualTo(1);
        assertThat(end).doesNotContain(firstToken);
    }

    @Test
    void aLongWaitPrintsAHeartbeat() throws Exception {
        FakeHost host = host();
        RunLife life = trigger(RunMemo.of(SLOW), host);
        await().until(() -> life.state() == RunLife.State.WAITING);
        String id = onlyRunId();
        // Now running: that line resets the heartbeat (a poll answered just before may say "still queued").
        clock.advance(Duration.ofMinutes(6));
        await().until(() -> host.count("Ish CD run " + id + " is running.") == 1);
        assertThat(host.count("is still running")).isZero();
        clock.advance(Duration.ofMinutes(6));
        await().until(() -> host.count("Ish CD run " + id + " of my-corp/slow is still running, 12 min after it was"
                + " triggered.") == 1);
        life.stop(new Exception("done"));
        host.end.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailureThatIsNotIshCdsIsOneSentenceNamingTheRun() throws Exception {
        FakeHost host = host();
        host.onStatus = r -> {
            throw new CancellationException();
        };
        trigger(RunMemo.of(DEPLOY), host);
        await().until(() -> posts() == 1);
        clock.advance(Duration.ofMinutes(1));
        String id = onlyRunId();
        assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("failed: Stopped waiting for Ish CD run " + id
                + " of my-corp/deploy after an unexpected CancellationException; the run goes on in Ish CD (details in"
                + " the system log).");
    }
    @Test
    void theFirstPollComesOneIntervalAfterTheTriggerAnswered() throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(post(urlPathEqualTo(WireMockSupport.RUNS)).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(WireMockSupport.run("queued", 0, ""))));
            server.stubFor(get(urlPathEqualTo(WireMockSupport.RUN))
                    .willReturn(WireMockSupport.json(WireMockSupport.run("complete", 26, ""))));
            FakeHost host = new FakeHost(() -> client(server.baseUrl() + "/v1"));
            host.options = WaitOptions.builder().initialInterval(Duration.ofMillis(800)).build();
            trigger(RunMemo.of(WireMockSupport.JOB), host);
            assertThat(host.end.get(10, TimeUnit.SECONDS)).isEqualTo("succeeded");
            List<ServeEvent> events = server.getAllServeEvents(); // newest first
            long posted = events.get(1).getRequest().getLoggedDate().getTime();
            long polled = events.get(0).getRequest().getLoggedDate().getTime();
            assertThat(events.get(0).getRequest().getMethod().getName()).isEqualTo("GET");
            assertThat(polled - posted).isGreaterThanOrEqualTo(790);
        } finally {
            server.stop();
        }
    }
}
