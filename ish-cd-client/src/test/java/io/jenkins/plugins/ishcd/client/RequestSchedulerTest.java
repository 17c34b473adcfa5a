package io.jenkins.plugins.ishcd.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.CANARY;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.JOB;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUNS;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler's promises across waits: budget, bound in flight, a 429 holding everyone, spread starts. */
class RequestSchedulerTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final WaitOptions EVERY_20_MS = WaitOptions.builder()
            .initialInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(20)).build();

    private final RequestScheduler scheduler = IshCdExecutors.newScheduler("test");
    private final List<CompletableFuture<Run>> waits = new ArrayList<>();
    private IshCdClient client;
    /** This test's User-Agent: requests of an earlier test's waits, still on their way, are not counted. */
    private static String agent;

    @BeforeEach
    void setUp() {
        server.resetAll();
        agent = "scheduler-test-" + System.nanoTime();
        client = IshCdClient.builder().baseUrl(server.baseUrl() + "/v1").token(CANARY).scheduler(scheduler)
                .userAgent(agent).build();
        server.stubFor(get(urlPathMatching(RUNS + "/run-.*")).willReturn(json(running())));
    }

    @AfterEach
    void tearDown() {
        waits.forEach(w -> w.cancel(true));
        scheduler.shutdown();
    }

    private static String running() {
        return "{\"id\": \"run-x\", \"status\": \"running\", \"duration\": 1}";
    }

    private void startWaits(int n, WaitOptions options, Duration firstPoll) {
        for (int i = 0; i < n; i++) {
            waits.add(client.waitForAsync(JOB, "run-" + i, RunStatus.RUNNING, firstPoll, options, RunListener.NONE));
        }
    }

    private static List<Long> requestTimes() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getHeader("User-Agent").startsWith(agent + " "))
                .map(r -> r.getLoggedDate().getTime()).sorted()
                .collect(Collectors.toList());
    }

    @Test
    void theBudgetCapsRequestsInEveryOneSecondWindowAcrossAllWaits() {
        scheduler.setLimits(URI.create(server.baseUrl() + "/v1"), RequestLimits.of(10, 64));
        startWaits(30, EVERY_20_MS, Duration.ZERO);

        await().atMost(Duration.ofSeconds(10)).until(() -> requestTimes().size() >= 25);

        List<Long> times = requestTimes();
        for (int i = 10; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 10)).as("request %d and the 10th before it, ms", i)
                    .isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void a429WithRetryAfterHoldsEveryWaitOnThatBaseUrlUntilItHasPassed() {
        server.stubFor(get(urlPathEqualTo(RUNS + "/limited")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("done"));
        server.stubFor(get(urlPathEqualTo(RUNS + "/limited")).inScenario("429").whenScenarioStateIs("done")
                .willReturn(json("{\"id\": \"limited\", \"status\": \"complete\", \"duration\": 3}")));
        startWaits(5, EVERY_20_MS, Duration.ZERO);
        CompletableFuture<Run> limited = client.waitForAsync(JOB, "limited", null, Duration.ofMillis(200), EVERY_20_MS,
                RunListener.NONE);

        assertThat(limited).succeedsWithin(Duration.ofSeconds(10));

        long at429 = server.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 429)
                .map(ServeEvent::getRequest).findFirst().orElseThrow().getLoggedDate().getTime();
        // Requests already on their way when the 429 came may land after it, late on a loaded machine (431 ms
        // seen at a load of 10 on 2 cores); none sent after it: without the hold the 5 waits would send ~100 here.
        assertThat(requestTimes()).noneMatch(t -> t > at429 + 500 && t < at429 + 950);
        assertThat(requestTimes()).anyMatch(t -> t >= at429 + 950);
    }

    @Test
    void waitsResumedTogetherSpreadTheirFirstPollsOverTheFirstInterval() {
        WaitOptions everyThreeSeconds = WaitOptions.builder()
                .initialInterval(Duration.ofSeconds(3)).maxInterval(Duration.ofSeconds(30)).build();
        startWaits(60, everyThreeSeconds, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> requestTimes().size() >= 60);

        // Spread uniformly over 3 s, 30 of 60 take about 1.5 s; all at once, they would take milliseconds.
        List<Long> first = requestTimes().subList(0, 60);
        assertThat(first.get(59) - first.get(0)).as("ms from the first to the last first poll").isGreaterThan(1500);
        for (int i = 30; i < 60; i++) {
            assertThat(first.get(i) - first.get(i - 30)).as("30 first polls within").isGreaterThan(300);
        }
    }

    @Test
    void requestsInFlightNeverExceedTheBoundAndEachAnswerLetsTheNextGo() throws Exception {
        RequestScheduler own = IshCdExecutors.newScheduler("bound");
        own.setLimits(URI.create("https://bound.example/v1"), RequestLimits.of(1000, 3));
        ScheduledExecutorService server = Executors.newScheduledThreadPool(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try {
            for (int i = 0; i < 40; i++) {
                ScheduledRequest r = new ScheduledRequest(own, "https://bound.example/v1") {
                    @Override
                    void dispatch(long now) {
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        ScheduledRequest self = this;
                        server.schedule(() -> {
                            inFlight.decrementAndGet();
                            done.incrementAndGet();
                            own.submit(() -> own.answered(self));
                        }, 5, TimeUnit.MILLISECONDS);
                    }

                    @Override
                    void abandon() {}
                };
                own.submit(() -> own.queue(r, own.now()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 40);
            assertThat(peak.get()).isEqualTo(3);
        } finally {
            own.shutdown();
            server.shutdownNow();
        }
    }
}
