package io.jenkins.plugins.ishcd.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.CANARY;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.JOB;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUN;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUNS;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.RUN_ID;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.json;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Triggering and reading runs over HTTP, and how every kind of failure is reported. */
class IshCdClientTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final IshCdClient client = WireMockSupport.client(server);
    private final RunRequest deploy = RunRequest.of(JOB, Map.of("BRANCH", "main"));

    @AfterEach
    void tokenNeverInTheServersJournalBeyondTheHeader() {
        // The token travels only in the Authorization header, never in a path or body.
        server.getAllServeEvents().forEach(e -> {
            assertThat(e.getRequest().getUrl()).doesNotContain(CANARY);
            assertThat(e.getRequest().getBodyAsString()).doesNotContain(CANARY);
        });
    }

    @Test
    void triggerSendsTheApiHeadersAndEnvOnce() {
        server.stubFor(post(RUNS).willReturn(json(run("queued", 0, ""))));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRANCH", "main");
        env.put("GREETING", "grüße ✓ \"quoted\"");

        Run run = client.trigger(RunRequest.of(JOB, env));

        assertThat(run.id()).isEqualTo(RUN_ID);
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS))
                .withHeader("Authorization", equalTo("Bearer " + CANARY))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", matching("ish-cd-client/\\S+ Java/\\S+"))
                .withRequestBody(equalToJson("{\"env\": {\"BRANCH\": \"main\", \"GREETING\": \"grüße ✓ \\\"quoted\\\"\"}}")));
    }

    @Test
    void identifiersArePercentEncodedAsPathSegments() {
        JobRef odd = JobRef.of("my corp/ü", "de?ploy");
        String path = "/v1/projects/my%20corp%2F%C3%BC/jobs/de%3Fploy/runs";
        server.stubFor(post(urlPathEqualTo(path)).willReturn(json(run("queued", 0, ""))));
        server.stubFor(get(urlPathEqualTo(path + "/r%2F1")).willReturn(json(run("running", 1, ""))));

        assertThat(client.trigger(RunRequest.of(odd)).id()).isEqualTo(RUN_ID);
        assertThat(client.getRun(odd, "r/1").status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void readRunAcceptsNumbersSentAsStringsAndUnicodeLogs() {
        server.stubFor(get(RUN).willReturn(json(run("complete", "\"26\"", ", \"log\": \"déployé ✓ 日本\\n\""))
                .withBody("{\"id\": \"" + RUN_ID + "\", \"status\": \"complete\", \"duration\": \"26\","
                        + " \"created\": \"1498714037\", \"changed\": \"1498714068\", \"log\": \"déployé ✓ 日本\\n\"}")));

        Run run = client.getRun(JOB, RUN_ID);

        assertThat(run.durationSeconds()).isEqualTo(26);
        assertThat(run.changed().getEpochSecond()).isEqualTo(1498714068L);
        assertThat(run.log()).isEqualTo("déployé ✓ 日本\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedTokenIsAnAuthenticationFailureNamingTheProject(int status) {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(status).withBody("{\"message\": \"Access denied\"}")));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.trigger(deploy));

        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e).hasMessage("Ish CD refused the API token (HTTP " + status + ") when triggering a run of"
                + " my-corp/deploy: \"Access denied\": check that the token is valid and not revoked, and that its"
                + " account is a member of project 'my-corp'.");
        assertThat(e.isTransient()).isFalse();
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void aServerEchoingTheTokenCannotPutItInAMessage() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(403).withBody("bad token " + CANARY)));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).doesNotContain(CANARY).contains("bad token ****");
    }

    @Test
    void unknownProjectOrJobIsNotFoundWithTheFix() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(404)));

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.trigger(deploy));

        assertThat(e).hasMessage("Ish CD found no project 'my-corp' with a job 'deploy' (HTTP 404) when triggering a"
                + " run of my-corp/deploy: check the project and job machine names or IDs on the project's dashboard.");
        assertThat(e.runId()).isNull();
    }

    @Test
    void aBaseUrlWithoutTheVersionPathGetsAHintOnA404() {
        server.stubFor(post(urlPathEqualTo("/v2/projects/my-corp/jobs/deploy/runs")).willReturn(aResponse().withStatus(404)));
        IshCdClient typo = IshCdClient.builder().baseUrl(server.baseUrl() + "/v2/").token(CANARY).build();
        IshCdClient noPath = IshCdClient.builder().baseUrl(server.baseUrl()).token(CANARY).build();

        assertThat(catchThrowableOfType(NotFoundException.class, () -> typo.trigger(deploy)).getMessage())
                .doesNotContain("Also check the API URL");
        assertThat(catchThrowableOfType(NotFoundException.class, () -> noPath.trigger(deploy)).getMessage())
                .contains("found no project 'my-corp'")
                .endsWith("Also check the API URL " + server.baseUrl() + ": it usually ends in /v1.");
    }

    @Test
    void unknownRunIsNotFoundNamingTheRun() {
        server.stubFor(get(RUN).willReturn(aResponse().withStatus(404)));

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.getRun(JOB, RUN_ID));

        assertThat(e.runId()).isEqualTo(RUN_ID);
        assertThat(e.getMessage()).startsWith("Ish CD found no run " + RUN_ID + " of my-corp/deploy (HTTP 404)");
    }

    @Test
    void badRequestIsRejectedWithTheServersReason() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\": \"env must be an object of strings\"}")));

        RequestRejectedException e = catchThrowableOfType(RequestRejectedException.class, () -> client.trigger(deploy));

        assertThat(e).hasMessage("Ish CD rejected the request (HTTP 400) when triggering a run of my-corp/deploy:"
                + " \"env must be an object of strings\".");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void serverErrorOnTriggerIsNotRetriedAndSaysTheRunMayExist() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1>" + "<p>padding</p>".repeat(10_000) + "</body></html>")));

        ServerException e = catchThrowableOfType(ServerException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).startsWith("Ish CD answered HTTP 502 when triggering a run of my-corp/deploy:"
                + " \"502 Bad Gateway padding padding").endsWith("The run may have been created anyway: check Ish CD"
                + " before running the job again.");
        assertThat(e.getMessage().length()).isLessThan(400);
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void connectionResetAfterSendingATriggerIsNotRetried() {
        server.stubFor(post(RUNS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        CommunicationException e = catchThrowableOfType(CommunicationException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).contains("when triggering a run of my-corp/deploy", "may have been created anyway");
        assertThat(e.isTransient()).isTrue();
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void malformedJsonOnTriggerIsAProtocolFailureAndNotRetried() {
        server.stubFor(post(RUNS).willReturn(json("{\"id\": \"3abed1d7\", \"status\": ")));

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).contains("could not be read when triggering", "not JSON", "may have been created");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void triggerRejectedWith429IsSentAgainAfterRetryAfter() {
        server.stubFor(post(RUNS).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("open"));
        server.stubFor(post(RUNS).inScenario("limit").whenScenarioStateIs("open").willReturn(json(run("queued", 0, ""))));

        List<String> retries = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onTriggerRetry(JobRef job, IshCdException failure, int attempt, Duration retryIn) {
                retries.add(RunReport.triggerRetry(failure, attempt, retryIn));
            }
        };

        assertThat(client.triggerAsync(deploy, listener).join().id()).isEqualTo(RUN_ID);
        server.verify(2, postRequestedFor(urlPathEqualTo(RUNS)));
        assertThat(retries).singleElement().asString().contains("(HTTP 429)")
                .contains("No run was created; sending it again in 0 s (attempt 2).").doesNotContain(CANARY);
    }

    @Test
    void triggerRateLimitedEveryTimeGivesUpAfterTheAttempts() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(429)));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).contains("HTTP 429");
        server.verify(3, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void aLongRetryAfterFailsAtOnceInsteadOfHanging() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.trigger(deploy));

        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.getMessage()).contains("asked to retry after 1 h");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void a503EvenWithRetryAfterIsNotRetriedOnTrigger() {
        // A gateway may answer 503 after its upstream got the request: the run may exist.
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));

        ServerException e = catchThrowableOfType(ServerException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).contains("HTTP 503", "may have been created anyway");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void cancellingDuringTheRetryPauseSendsNoFurtherPost() throws Exception {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        CompletableFuture<Run> trigger = client.triggerAsync(deploy);
        await().until(() -> server.countRequestsMatching(postRequestedFor(urlPathEqualTo(RUNS)).build()).getCount() == 1);

        trigger.cancel(true);
        Thread.sleep(1_500); // past the pause the server asked for: a retry would have been sent by now

        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void cancellingWhileThePostIsUnderWayStillReportsTheCreatedRun() {
        server.stubFor(post(RUNS).willReturn(json(run("queued", 0, "")).withFixedDelay(500)));
        List<String> triggered = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onTriggered(JobRef job, Run run) {
                triggered.add(run.id());
            }
        };
        CompletableFuture<Run> run = client.runAsync(deploy, WireMockSupport.FAST, listener);
        await().until(() -> server.countRequestsMatching(postRequestedFor(urlPathEqualTo(RUNS)).build()).getCount() == 1);

        run.cancel(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> triggered.contains(RUN_ID));
        assertThat(run).isCancelled();
        server.verify(0, getRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void aShutDownSchedulerEndsTheWaitWithAClearMessageInsteadOfHanging() {
        server.stubFor(get(RUN).willReturn(json(run("running", 1, ""))));
        RequestScheduler dead = IshCdExecutors.newScheduler("dead");
        dead.shutdown();
        IshCdClient stopped = IshCdClient.builder().baseUrl(server.baseUrl() + "/v1").token(CANARY).scheduler(dead).build();

        CompletableFuture<Run> wait = stopped.waitForAsync(JOB, RUN_ID, null, WireMockSupport.FAST, RunListener.NONE);

        assertThat(catchThrowableOfType(ExecutionException.class, () -> wait.get(5, TimeUnit.SECONDS)).getCause())
                .isInstanceOf(CommunicationException.class)
                .hasMessageContaining("threads were shut down").hasMessageContaining(RUN_ID);
    }

    @Test
    void aBlankRunIdIsRefusedBeforeAnyRequest() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> client.getRunAsync(JOB, " ")))
                .hasMessage("The Ish CD run id is empty: give the id the trigger returned.");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aTokenEchoedAcrossTheExcerptCutLeavesNoPieceOfIt() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(401)
                .withBody("x".repeat(BodyExcerpt.MAX - 25) + " Invalid token: " + CANARY)));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.trigger(deploy));

        for (int i = 0; i + 8 <= CANARY.length(); i++) {
            assertThat(e.getMessage()).doesNotContain(CANARY.substring(i, i + 8));
        }
    }

    @Test
    void aPathologicalErrorPageIsExcerptedQuickly() {
        server.stubFor(get(RUN).willReturn(aResponse().withStatus(502).withBody("<head <script ".repeat(150_000))));

        ServerException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> catchThrowableOfType(ServerException.class, () -> client.getRun(JOB, RUN_ID)));

        assertThat(e.getMessage()).startsWith("Ish CD answered HTTP 502 when reading run");
    }

    @Test
    void aTriggerAnswerWithGarbageTimesStillGivesTheRun() {
        server.stubFor(post(RUNS).willReturn(json("{\"id\": \"" + RUN_ID + "\", \"status\": \"queued\","
                + " \"created\": \"1e30\", \"duration\": \"yesterday\"}")));

        Run run = client.trigger(deploy);

        assertThat(run.id()).isEqualTo(RUN_ID);
        assertThat(run.created()).isNull();
    }

    @Test
    void refusedConnectionIsRetriedThenReportedWithTheFix() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        IshCdClient offline = IshCdClient.builder().baseUrl("http://127.0.0.1:" + closedPort + "/v1").token(CANARY)
                .triggerRetries(3, Duration.ofMillis(150)).build();
        long start = System.nanoTime();

        CommunicationException e = catchThrowableOfType(CommunicationException.class, () -> offline.trigger(deploy));

        // Three attempts: pauses of 150 ms and 300 ms between them.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(e).hasMessage("Could not talk to Ish CD at http://127.0.0.1:" + closedPort + "/v1 when triggering a"
                + " run of my-corp/deploy: the connection was refused: check the API URL and the network or proxy"
                + " settings.");
    }

    @Test
    void slowAnswerTimesOutWithAClearMessage() {
        server.stubFor(get(RUN).willReturn(json(run("running", 1, "")).withFixedDelay(2_000)));
        IshCdClient impatient = IshCdClient.builder().baseUrl(server.baseUrl() + "/v1").token(CANARY)
                .requestTimeout(Duration.ofMillis(200)).build();

        CommunicationException e = catchThrowableOfType(CommunicationException.class, () -> impatient.getRun(JOB, RUN_ID));

        // How long it waited, measured: at least the 200 ms of the request timeout.
        assertThat(e.getMessage()).contains("reading run " + RUN_ID).containsPattern("no answer came within [2-9]\\d\\d ms");
    }

    @Test
    void answerLargerThanTheLimitIsRefusedWithoutReadingItAll() {
        server.stubFor(get(RUN).willReturn(json(run("complete", 1, ", \"log\": \"" + "x".repeat(200_000) + "\""))));
        IshCdClient small = IshCdClient.builder().baseUrl(server.baseUrl() + "/v1").token(CANARY)
                .maxResponseBytes(100_000).build();

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> small.getRun(JOB, RUN_ID));

        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Ish CD's answer when reading run " + RUN_ID + " of my-corp/deploy was too"
                + " large: it is over the 100,000 bytes this client reads, so it was not read. A run whose log is that"
                + " large can only be read in Ish CD.");
    }

    @Test
    void aFiveMegabyteLogIsReadWhole() {
        String log = "line ✓\n".repeat(5 * 1024 * 1024 / 8);
        server.stubFor(get(RUN).willReturn(json(run("complete", 1, ", \"log\": \"" + log.replace("\n", "\\n") + "\""))));

        assertThat(client.getRun(JOB, RUN_ID).log()).isEqualTo(log);
    }

    @Test
    void redirectIsNotFollowedSoTheTokenStaysWithTheConfiguredHost() {
        server.stubFor(post(RUNS).willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/")));

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> client.trigger(deploy));

        assertThat(e.getMessage()).contains("unexpected HTTP 302", "redirects are not followed");
        server.verify(1, postRequestedFor(urlPathEqualTo(RUNS)));
    }

    @Test
    void readEndpointsListProjectsJobsAndRuns() {
        server.stubFor(get("/v1/projects").willReturn(json("[{\"id\": \"1\", \"machine_name\": \"my-corp\", \"label\": \"My Corp\"}]")));
        server.stubFor(get("/v1/projects/my-corp/jobs").willReturn(json("[{\"id\": \"9\", \"machine_name\": \"deploy\", \"label\": \"Deploy\"}]")));
        server.stubFor(get("/v1/projects/my-corp/jobs/deploy").willReturn(json("{\"id\": \"9\", \"machine_name\": \"deploy\"}")));
        server.stubFor(get("/v1/projects/my-corp").willReturn(json("{\"id\": \"1\", \"machine_name\": \"my-corp\"}")));
        server.stubFor(get("/v1/projects/my-corp/runs").willReturn(json("[" + run("complete", 3, "") + "]")));

        assertThat(client.catalog().listProjects()).containsExactly(new Project("1", "my-corp", "My Corp"));
        assertThat(client.catalog().getProject("my-corp").name()).isEqualTo("my-corp");
        assertThat(client.catalog().listJobs("my-corp")).extracting(Job::name).containsExactly("deploy");
        assertThat(client.catalog().getJob(JOB).id()).isEqualTo("9");
        assertThat(client.catalog().listRuns("my-corp")).extracting(Run::id).containsExactly(RUN_ID);
        server.verify(1, getRequestedFor(urlPathEqualTo("/v1/projects")).withHeader("Authorization", equalTo("Bearer " + CANARY)));
    }

    @Test
    void connectionTestSaysInWordsWhatItFound() {
        server.stubFor(get("/v1/projects").willReturn(json("[{\"id\": \"1\"}, {\"id\": \"2\"}]")));
        assertThat(ConnectionTest.run(client)).isEqualTo(new ConnectionTest.Result(true,
                "Connected to " + server.baseUrl() + "/v1: the token was accepted and 2 projects are visible."));

        server.stubFor(get("/v1/projects").willReturn(aResponse().withStatus(403)));
        ConnectionTest.Result refused = ConnectionTest.run(client);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("refused the API token (HTTP 403)").doesNotContain(CANARY);

        server.stubFor(get("/v1/projects").willReturn(aResponse().withStatus(404)));
        assertThat(ConnectionTest.run(client).message()).contains("has no project list (HTTP 404)");
    }

    @Test
    void toStringsNeverShowTheToken() {
        assertThat(client.toString()).doesNotContain(CANARY).contains(server.baseUrl());
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> IshCdClient.builder().token("abc " + CANARY))).hasMessageNotContaining(CANARY);
    }
}
