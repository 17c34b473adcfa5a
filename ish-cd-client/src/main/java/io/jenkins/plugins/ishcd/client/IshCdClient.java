package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A client of the Ish CD API: trigger a run of a job, read it, wait for it to end.
 *
 * <p>Asynchronous at its core: the {@code ...Async} methods return at once and complete on the
 * client's threads, so waiting on many runs costs no thread per run. The blocking methods are
 * conveniences on top. Every failure is an {@link IshCdException} (unchecked) whose message is
 * one sentence without the token.
 *
 * <p>Per the Ish CD API: requests go to {@code {baseUrl}/projects/{project}/jobs/{job}/runs[/{run-id}]}
 * with {@code Accept} and {@code Content-Type: application/json} and {@code Authorization: Bearer
 * <token>}; creating a run is not idempotent, so a trigger is sent again only when the server
 * certainly did not act on it (connection never established; 429; 503 with {@code Retry-After}).
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #builder()}.
 */
public final class IshCdClient implements AutoCloseable {
    /** The version of this library, for the {@code User-Agent}. */
    public static final String VERSION = readVersion();

    private final URI baseUrl;
    private final String token;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Duration requestTimeout;
    private final String userAgent;
    private final long maxResponseBytes;
    private final int maxTriggerAttempts;
    private final Duration triggerRetryDelay;
    private final Failures failures;

    private IshCdClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.token = b.token;
        this.http = b.httpClient != null ? b.httpClient : IshCdExecutors.httpClient();
        this.scheduler = b.scheduler != null ? b.scheduler : IshCdExecutors.scheduler();
        this.requestTimeout = b.requestTimeout;
        this.userAgent = (b.product == null ? "" : b.product + " ") + "ish-cd-client/" + VERSION + " Java/"
                + System.getProperty("java.version");
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxTriggerAttempts = b.maxTriggerAttempts;
        this.triggerRetryDelay = b.triggerRetryDelay;
        this.failures = new Failures(baseUrl, token);
    }

    /** @return a builder; {@link Builder#token} is required */
    @NonNull
    public static Builder builder() {
        return new Builder();
    }

    /** @return the API base URL, e.g. {@code https://api.ish-cd.com/v1} */
    @NonNull
    public URI baseUrl() {
        return baseUrl;
    }

    // ---- the run endpoints of the API page ----

    /**
     * Triggers a run: {@code POST /projects/{project}/jobs/{job}/runs}. Sent once; sent again
     * (up to the builder's attempts) only when the server certainly did not act on it: the
     * connection was never established, or it answered 429.
     *
     * @param request the job and its variables
     * @return the created run (usually {@code queued}); fails with an {@link IshCdException}.
     *     Cancelling it stops further attempts; a POST already sent is not recalled.
     */
    @NonNull
    public CompletableFuture<Run> triggerAsync(@NonNull RunRequest request) {
        return triggerAsync(request, RunListener.NONE);
    }

    /**
     * Like {@link #triggerAsync(RunRequest)}, and tells {@code listener} of the run as soon as it
     * exists ({@link RunListener#onTriggered}), before the future completes. It does so even when
     * the future was cancelled while the POST was under way, so a caller that stopped (an aborted
     * build) still learns the id of the run that goes on.
     *
     * @param request the job and its variables
     * @param listener hears of the created run
     * @return the created run; fails with an {@link IshCdException}
     */
    @NonNull
    public CompletableFuture<Run> triggerAsync(@NonNull RunRequest request, @NonNull RunListener listener) {
        HttpRequest http = newRequest(URI.create(runsUri(request.job())))
                .POST(HttpRequest.BodyPublishers.ofString(RunJson.requestBody(request), StandardCharsets.UTF_8))
                .build();
        return new Trigger(this, failures, http, Call.trigger(request.job()), listener, scheduler, maxTriggerAttempts,
                triggerRetryDelay).start();
    }

    /**
     * Reads a run: {@code GET /projects/{project}/jobs/{job}/runs/{run-id}}.
     *
     * @param job the job the run belongs to
     * @param runId the id returned when the run was created
     * @return the run; fails with an {@link IshCdException}
     */
    @NonNull
    public CompletableFuture<Run> getRunAsync(@NonNull JobRef job, @NonNull String runId) {
        requireRunId(runId);
        URI uri = URI.create(runsUri(job) + "/" + PathSegment.encode(runId));
        return send(newRequest(uri).GET().build(), Call.readRun(job, runId), RunJson::run);
    }

    /**
     * Waits for a run to end, polling with the back-off of {@code options}; polls at once, then
     * after each interval. An {@code error} run is a normal completion, not a failure.
     *
     * @param job the job the run belongs to
     * @param runId the run
     * @param lastKnown the status already known (for example before a restart), or null;
     *     {@link RunListener#onStatusChanged} is called only when a poll sees another one
     * @param options back-off, timeout, failure tolerance
     * @param listener sees status changes and tolerated failures
     * @return the finished run ({@code complete} or {@code error}); fails with
     *     {@link WaitTimeoutException}, a non-transient {@link IshCdException} (401, 403, 404), or the
     *     last transient one once {@link WaitOptions#maxConsecutiveFailures()} is exceeded.
     *     Cancelling it stops the polling.
     */
    @NonNull
    public CompletableFuture<Run> waitForAsync(
            @NonNull JobRef job,
            @NonNull String runId,
            @CheckForNull RunStatus lastKnown,
            @NonNull WaitOptions options,
            @NonNull RunListener listener) {
        requireRunId(runId);
        return new RunWaiter(this, job, runId, lastKnown, options, listener, scheduler).start(Duration.ZERO);
    }

    /**
     * Triggers a run, tells {@code listener} its id, then waits for it to end; the first poll comes
     * after {@link WaitOptions#initialInterval()}. Overall timeout counts from the trigger's answer.
     *
     * @param request the job and its variables
     * @param options back-off, timeout, failure tolerance
     * @param listener sees the new run, status changes and tolerated failures
     * @return the finished run; failures as for {@link #triggerAsync} and {@link #waitForAsync}.
     *     Cancelling it stops the polling (the remote run goes on).
     */
    @NonNull
    public CompletableFuture<Run> runAsync(
            @NonNull RunRequest request, @NonNull WaitOptions options, @NonNull RunListener listener) {
        CompletableFuture<Run> result = new CompletableFuture<>();
        CompletableFuture<Run> trigger = triggerAsync(request, listener);
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                trigger.cancel(false); // no further attempts; one under way still reports its run
            }
        });
        trigger.whenComplete((run, error) -> {
            if (error != null) {
                result.completeExceptionally(Failures.unwrap(error));
                return;
            }
            if (result.isDone()) {
                return;
            }
            waitAfterTrigger(request, run, options, listener, result);
        });
        return result;
    }

    private void waitAfterTrigger(RunRequest request, Run run, WaitOptions options, RunListener listener,
            CompletableFuture<Run> result) {
        {
            if (run.status().isFinished()) {
                result.complete(run);
                return;
            }
            CompletableFuture<Run> wait = new RunWaiter(this, request.job(), run.id(), run.status(), options,
                    listener, scheduler).start(options.initialInterval());
            wait.whenComplete((r, e) -> {
                if (e == null) {
                    result.complete(r);
                } else if (!(e instanceof CancellationException)) {
                    result.completeExceptionally(Failures.unwrap(e));
                }
            });
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    wait.cancel(false);
                }
            });
        }
    }

    // ---- blocking conveniences ----

    /** Blocking {@link #triggerAsync}. @param request the run to trigger @return the created run */
    @NonNull
    public Run trigger(@NonNull RunRequest request) {
        return join(triggerAsync(request));
    }

    /** Blocking {@link #getRunAsync}. @param job the job @param runId the run @return the run */
    @NonNull
    public Run getRun(@NonNull JobRef job, @NonNull String runId) {
        return join(getRunAsync(job, runId));
    }

    /**
     * Blocking {@link #waitForAsync} without a known status.
     *
     * @param job the job @param runId the run @param options how to wait @param listener progress
     * @return the finished run
     */
    @NonNull
    public Run waitFor(@NonNull JobRef job, @NonNull String runId, @NonNull WaitOptions options,
            @NonNull RunListener listener) {
        return join(waitForAsync(job, runId, null, options, listener));
    }

    /**
     * Blocking {@link #runAsync}.
     *
     * @param request the run to trigger @param options how to wait @param listener progress
     * @return the finished run
     */
    @NonNull
    public Run run(@NonNull RunRequest request, @NonNull WaitOptions options, @NonNull RunListener listener) {
        return join(runAsync(request, options, listener));
    }

    // ---- read endpoints of the official JavaScript client (optional on the server) ----
    // They block, throw IshCdException, and a NotFoundException may mean the server does not offer
    // the endpoint at all: use them for checks and pickers, never in the main flow.

    /**
     * {@code GET /projects}, blocking.
     *
     * @return the projects the token's account can see
     * @throws IshCdException on any failure; {@link NotFoundException} if the server has no such endpoint
     */
    @NonNull
    public List<Project> listProjects() {
        return join(get(baseUrl + "/projects", Call.read("the project list", null), RunJson::projects));
    }

    /** {@code GET /projects/{project}}. @param project machine name or ID @return the project */
    @NonNull
    public Project getProject(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return join(get(projectUri(ref), Call.read("project " + ref.project(), null), RunJson::project));
    }

    /** {@code GET /projects/{project}/jobs}. @param project machine name or ID @return its jobs */
    @NonNull
    public List<Job> listJobs(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return join(get(projectUri(ref) + "/jobs", Call.read("the jobs of project " + ref.project(), null),
                RunJson::jobs));
    }

    /** {@code GET /projects/{project}/jobs/{job}}. @param job the job @return the job */
    @NonNull
    public Job getJob(@NonNull JobRef job) {
        return join(get(jobUri(job), Call.read("job " + job, job), RunJson::job));
    }

    /** {@code GET /projects/{project}/runs}. @param project machine name or ID @return its recent runs */
    @NonNull
    public List<Run> listRuns(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return join(get(projectUri(ref) + "/runs", Call.read("the runs of project " + ref.project(), null),
                RunJson::runs));
    }

    /** Nothing to release: the HTTP client and scheduler are shared or owned by the caller. */
    @Override
    public void close() {}

    /** @return the base URL; never the token */
    @Override
    public String toString() {
        return "IshCdClient[" + baseUrl + "]";
    }

    // ---- plumbing ----

    private <T> CompletableFuture<T> get(String uri, Call call, Function<JsonNode, T> parser) {
        return send(newRequest(URI.create(uri)).GET().build(), call, parser);
    }

    <T> CompletableFuture<T> send(HttpRequest request, Call call, Function<JsonNode, T> parser) {
        CompletableFuture<HttpResponse<byte[]>> exchange;
        AtomicInteger overLimit = new AtomicInteger();
        try {
            exchange = http.sendAsync(request, LimitedBody.handler(maxResponseBytes, overLimit));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failures.fromThrowable(call, e));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            try {
                result.complete(read(call, response, error, overLimit.get(), parser));
            } catch (IshCdException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(failures.fromThrowable(call, e));
            }
        });
        // Cancelling the result (a stopped wait) also abandons the exchange.
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    /** Turns an exchange's outcome into a parsed value, or throws the fitting {@link IshCdException}. */
    private <T> T read(Call call, HttpResponse<byte[]> response, Throwable error, int overLimitStatus,
            Function<JsonNode, T> parser) {
        if (overLimitStatus != 0) {
            throw failures.tooLarge(call, overLimitStatus, maxResponseBytes);
        }
        if (error != null) {
            throw failures.fromThrowable(call, error);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw failures.fromStatus(call, status, body, response.headers().firstValue("Retry-After"));
        }
        JsonNode node;
        try {
            node = RunJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw failures.malformed(call, status, body, "not JSON");
        }
        try {
            return parser.apply(node);
        } catch (RuntimeException e) {
            // An answer arrived: whatever is wrong with it is the answer's fault, not the network's.
            throw failures.malformed(call, status, body, e.getMessage());
        }
    }

    private static void requireRunId(String runId) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("The Ish CD run id is empty: give the id the trigger returned.");
        }
    }

    private HttpRequest.Builder newRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("User-Agent", userAgent);
    }

    private String projectUri(JobRef ref) {
        return baseUrl + "/projects/" + PathSegment.encode(ref.project());
    }

    private String jobUri(JobRef job) {
        return projectUri(job) + "/jobs/" + PathSegment.encode(job.job());
    }

    private String runsUri(JobRef job) {
        return jobUri(job) + "/runs";
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof IshCdException) {
                throw (IshCdException) cause;
            }
            throw new IshCdException("Unexpected failure talking to Ish CD: " + cause, 0, null, null, false, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CommunicationException("Interrupted while talking to Ish CD; a run it had created goes on"
                    + " (its id was reported to the listener).", 0, null, null, e);
        }
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = IshCdClient.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": the version only decorates the User-Agent
        }
        return p.getProperty("version", "unknown");
    }

    /** Builds an {@link IshCdClient}. Setters validate at once and throw {@link IllegalArgumentException}. */
    public static final class Builder {
        private URI baseUrl = BaseUrl.parse(BaseUrl.DEFAULT);
        private String token;
        private HttpClient httpClient;
        private ScheduledExecutorService scheduler;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private String product;
        private long maxResponseBytes = 64L * 1024 * 1024;
        private int maxTriggerAttempts = 3;
        private Duration triggerRetryDelay = Duration.ofSeconds(1);

        private Builder() {}

        /** @param url the API base URL; see {@link BaseUrl#parse} @return this */
        public Builder baseUrl(@NonNull String url) {
            this.baseUrl = BaseUrl.parse(url);
            return this;
        }

        /** @param url the API base URL; see {@link BaseUrl#parse} @return this */
        public Builder baseUrl(@NonNull URI url) {
            return baseUrl(url.toString());
        }

        /** @param token the API token (a JWT), sent only in the {@code Authorization} header @return this */
        public Builder token(@NonNull String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("The Ish CD API token is empty: generate one in Ish under"
                        + " Integrations > Generate Token.");
            }
            if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                // Never echo it: it is a secret even when malformed.
                throw new IllegalArgumentException("The Ish CD API token contains spaces, line breaks or other"
                        + " characters a token cannot have: paste it again without them.");
            }
            this.token = token;
            return this;
        }

        /**
         * @param client the HTTP client to use (for example one with a proxy); it should not follow
         *     redirects, see {@link IshCdExecutors#newHttpClientBuilder()}. Default: the shared one.
         * @return this
         */
        public Builder httpClient(@NonNull HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /** @param scheduler runs the waits' timers; default {@link IshCdExecutors#scheduler()} @return this */
        public Builder scheduler(@NonNull ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** @param timeout how long one HTTP request may take, positive; default 30 s @return this */
        public Builder requestTimeout(@NonNull Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("The request timeout must be positive.");
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** @param product a product token put first in the {@code User-Agent}, e.g. {@code ish-cd-plugin/1.2} @return this */
        public Builder userAgent(@CheckForNull String product) {
            this.product = product == null || product.isBlank() ? null : product.trim();
            return this;
        }

        /** @param bytes the largest answer read, in bytes; default 64 MiB @return this */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("The answer size limit must be at least 1024 bytes.");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * @param attempts how often a trigger may be sent when the server certainly did not act; 1
         *     to 10, default 3
         * @param firstDelay the pause before the second attempt, doubled after each; default 1 s
         *     (a {@code Retry-After} of up to a minute replaces it)
         * @return this
         */
        public Builder triggerRetries(int attempts, @NonNull Duration firstDelay) {
            if (attempts < 1 || attempts > 10 || firstDelay.isNegative()) {
                throw new IllegalArgumentException("Trigger attempts must be 1 to 10 with a delay of 0 or more.");
            }
            this.maxTriggerAttempts = attempts;
            this.triggerRetryDelay = firstDelay;
            return this;
        }

        /**
         * @return the client
         * @throws IllegalArgumentException if no token was given
         */
        public IshCdClient build() {
            if (token == null) {
                throw new IllegalArgumentException("No Ish CD API token was given: set one with token(...).");
            }
            return new IshCdClient(this);
        }
    }
}
