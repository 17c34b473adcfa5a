package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A client of the Ish CD API: trigger a run of a job, read it, wait for it to end.
 *
 * <p>Asynchronous at its core: the {@code ...Async} methods return at once, and every trigger and
 * poll is queued in the JVM's {@link RequestScheduler}, which sends it when due and within the base
 * URL's {@link RequestLimits}; a wait costs no thread. The blocking methods are conveniences on top.
 * Every failure is an {@link IshCdException} (unchecked) whose message is one sentence without the
 * token.
 *
 * <p>Per the Ish CD API: requests go to {@code {baseUrl}/projects/{project}/jobs/{job}/runs[/{run-id}]}
 * with {@code Accept} and {@code Content-Type: application/json} and {@code Authorization: Bearer
 * <token>}; creating a run is not idempotent, so a trigger is sent again only when the server
 * certainly did not act on it: the connection was never made, the body never left this JVM, or a
 * 429. Never on a 5xx, even with {@code Retry-After}: a gateway may have passed the request on.
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #builder()}.
 */
public final class IshCdClient implements AutoCloseable {
    /** The version of this library, for the {@code User-Agent}. */
    public static final String VERSION = readVersion();

    private final URI baseUrl;
    private final RequestScheduler scheduler;
    private final HttpExchange exchange;
    private final int maxTriggerAttempts;
    private final Duration triggerRetryDelay;
    private final boolean expectContinue;

    IshCdClient(IshCdClientBuilder b) {
        this.baseUrl = b.baseUrl;
        this.scheduler = b.scheduler != null ? b.scheduler : IshCdExecutors.scheduler();
        String userAgent = (b.product == null ? "" : b.product + " ") + "ish-cd-client/" + VERSION + " Java/"
                + System.getProperty("java.version");
        this.exchange = new HttpExchange(b.httpClient != null ? b.httpClient : IshCdExecutors.httpClient(),
                b.blockingSendsSet ? b.blockingSends : IshCdExecutors.blockingSends(), b.maxResponseBytes,
                b.requestTimeout, b.token, userAgent, new Failures(baseUrl, b.token));
        this.maxTriggerAttempts = b.maxTriggerAttempts;
        this.triggerRetryDelay = b.triggerRetryDelay;
        this.expectContinue = b.expectContinue;
    }

    /** @return a builder; {@link IshCdClientBuilder#token} is required */
    @NonNull
    public static IshCdClientBuilder builder() {
        return new IshCdClientBuilder();
    }

    /** @return the API base URL, e.g. {@code https://api.ish-cd.com/v1} */
    @NonNull
    public URI baseUrl() {
        return baseUrl;
    }

    // ---- the run endpoints of the API page ----

    /**
     * Triggers a run: {@code POST /projects/{project}/jobs/{job}/runs}, and tells {@code listener} of
     * the run as soon as it exists ({@link RunListener#onTriggered}), before the future completes,
     * even when the future was cancelled while the POST was under way, so a caller that stopped (an
     * aborted build) still learns the id of the run that goes on. Sent again (up to the builder's
     * attempts) only when the server certainly did not act on it.
     *
     * @param request the job and its variables
     * @param listener hears of the created run
     * @return the created run (usually {@code queued}); fails with an {@link IshCdException}.
     *     Cancelling it stops further attempts; a POST already sent is not recalled.
     */
    @NonNull
    public CompletableFuture<Run> triggerAsync(@NonNull RunRequest request, @NonNull RunListener listener) {
        return new Trigger(scheduler, lane(), exchange, URI.create(runsUri(request.job())), request, listener,
                maxTriggerAttempts, triggerRetryDelay, expectContinue).start();
    }

    /** {@link #triggerAsync(RunRequest, RunListener)} without a listener. @param request the run @return the created run */
    @NonNull
    public CompletableFuture<Run> triggerAsync(@NonNull RunRequest request) {
        return triggerAsync(request, RunListener.NONE);
    }

    /**
     * Reads a run once, at once (not queued): {@code GET /projects/{project}/jobs/{job}/runs/{run-id}}.
     *
     * @param job the job the run belongs to
     * @param runId the id returned when the run was created
     * @return the run; fails with an {@link IshCdException}
     */
    @NonNull
    public CompletableFuture<Run> getRunAsync(@NonNull JobRef job, @NonNull String runId) {
        requireRunId(runId);
        URI uri = URI.create(runsUri(job) + "/" + PathSegment.encode(runId));
        return exchange.send(exchange.newRequest(uri).GET().build(), Call.readRun(job, runId), RunJson::run);
    }

    /**
     * Waits for a run to end, polling with the back-off of {@code options}. The first poll comes
     * after {@code firstPoll}; when null, at a random point of the first interval, so that waits
     * resumed together (a controller's restart) spread out. An {@code error} run is a normal end.
     *
     * @param job the job the run belongs to
     * @param runId the run
     * @param lastKnown the status already known (for example before a restart), or null;
     *     {@link RunListener#onStatusChanged} is called only when a poll sees another one
     * @param firstPoll the delay before the first poll, or null to spread it
     * @param options back-off, timeout, failure tolerance
     * @param listener sees status changes, tolerated failures and each next poll
     * @return the finished run ({@code complete} or {@code error}); fails with
     *     {@link WaitTimeoutException}, a non-transient {@link IshCdException} (401, 403, 404), or the
     *     last transient one once {@link WaitOptions#maxConsecutiveFailures()} is exceeded.
     *     Cancelling it stops the polling.
     */
    @NonNull
    public CompletableFuture<Run> waitForAsync(@NonNull JobRef job, @NonNull String runId,
            @CheckForNull RunStatus lastKnown, @CheckForNull Duration firstPoll, @NonNull WaitOptions options,
            @NonNull RunListener listener) {
        requireRunId(runId);
        return new RunWaiter(this, job, runId, lastKnown, options, listener).start(firstPoll);
    }

    /** {@link #waitForAsync(JobRef, String, RunStatus, Duration, WaitOptions, RunListener)} with the first poll spread. */
    @NonNull
    public CompletableFuture<Run> waitForAsync(@NonNull JobRef job, @NonNull String runId,
            @CheckForNull RunStatus lastKnown, @NonNull WaitOptions options, @NonNull RunListener listener) {
        return waitForAsync(job, runId, lastKnown, null, options, listener);
    }

    /**
     * Triggers a run, tells {@code listener} its id, then waits for it to end; the first poll comes
     * after {@link WaitOptions#initialInterval()}; the overall timeout counts from the trigger's answer.
     *
     * @param request the job and its variables
     * @param options back-off, timeout, failure tolerance
     * @param listener sees the new run, status changes and tolerated failures
     * @return the finished run; failures as for {@link #triggerAsync} and {@link #waitForAsync}.
     *     Cancelling it stops the polling (the remote run goes on).
     */
    @NonNull
    public CompletableFuture<Run> runAsync(@NonNull RunRequest request, @NonNull WaitOptions options,
            @NonNull RunListener listener) {
        return RunFlow.start(this, request, options, listener);
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

    /** Blocking {@link #waitForAsync}, first poll at once. @param job the job @param runId the run @param options how to wait @param listener progress @return the finished run */
    @NonNull
    public Run waitFor(@NonNull JobRef job, @NonNull String runId, @NonNull WaitOptions options,
            @NonNull RunListener listener) {
        return join(waitForAsync(job, runId, null, Duration.ZERO, options, listener));
    }

    /** Blocking {@link #runAsync}. @param request the run to trigger @param options how to wait @param listener progress @return the finished run */
    @NonNull
    public Run run(@NonNull RunRequest request, @NonNull WaitOptions options, @NonNull RunListener listener) {
        return join(runAsync(request, options, listener));
    }

    // ---- read endpoints of the official JavaScript client (optional on the server) ----
    // They block, throw IshCdException, and a NotFoundException may mean the server does not offer
    // the endpoint at all: use them for checks and pickers, never in the main flow.

    /** {@code GET /projects}. @return the projects the token's account can see @throws IshCdException on any failure */
    @NonNull
    public List<Project> listProjects() {
        return get(baseUrl + "/projects", Call.read("the project list", null), RunJson::projects);
    }

    /** {@code GET /projects/{project}}. @param project machine name or ID @return the project */
    @NonNull
    public Project getProject(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return get(projectUri(ref), Call.read("project " + ref.project(), null), RunJson::project);
    }

    /** {@code GET /projects/{project}/jobs}. @param project machine name or ID @return its jobs */
    @NonNull
    public List<Job> listJobs(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return get(projectUri(ref) + "/jobs", Call.read("the jobs of project " + ref.project(), null), RunJson::jobs);
    }

    /** {@code GET /projects/{project}/jobs/{job}}. @param job the job @return the job */
    @NonNull
    public Job getJob(@NonNull JobRef job) {
        return get(jobUri(job), Call.read("job " + job, job), RunJson::job);
    }

    /** {@code GET /projects/{project}/runs}. @param project machine name or ID @return its recent runs */
    @NonNull
    public List<Run> listRuns(@NonNull String project) {
        JobRef ref = JobRef.of(project, "-");
        return get(projectUri(ref) + "/runs", Call.read("the runs of project " + ref.project(), null), RunJson::runs);
    }

    /** Nothing to release: the HTTP client and scheduler are shared or owned by the caller. */
    @Override
    public void close() {}

    /** @return the base URL; never the token */
    @Override
    public String toString() {
        return "IshCdClient[" + baseUrl + "]";
    }

    // ---- for the engine's classes ----

    RequestScheduler scheduler() {
        return scheduler;
    }

    /** @return the key of this client's queue in the scheduler: its base URL */
    String lane() {
        return baseUrl.toString();
    }

    Failures failures() {
        return exchange.failures();
    }

    private <T> T get(String uri, Call call, Function<JsonNode, T> parser) {
        return join(exchange.send(exchange.newRequest(URI.create(uri)).GET().build(), call, parser));
    }

    private static void requireRunId(String runId) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("The Ish CD run id is empty: give the id the trigger returned.");
        }
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

    static <T> T join(CompletableFuture<T> future) {
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
}
