package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A client of the Ish CD API: trigger a run of a job, read it, wait for it to end.
 *
 * <p>The {@code ...Async} methods return at once: every trigger and poll is queued in the JVM's
 * {@link RequestScheduler}, sent when due within the base URL's {@link RequestLimits}; a wait costs
 * no thread. Every failure is an {@link IshCdException} (unchecked): one sentence, never the token.
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
    public static final String VERSION = Blocking.version();

    private final URI baseUrl;
    private final RequestScheduler scheduler;
    private final HttpExchange exchange;
    private final IshCdClientBuilder.TriggerSettings triggers;

    IshCdClient(IshCdClientBuilder b) {
        this.baseUrl = b.baseUrl;
        this.scheduler = b.scheduler != null ? b.scheduler : IshCdExecutors.scheduler();
        this.exchange = new HttpExchange(b.httpClient != null ? b.httpClient : IshCdExecutors.httpClient(),
                b.blockingSendsSet ? b.blockingSends : IshCdExecutors.blockingSends(), b.maxResponseBytes,
                b.requestTimeout, b.token, b.userAgentHeader(VERSION), new Failures(baseUrl, b.token));
        this.triggers = b.triggerSettings();
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
                triggers.attempts(), triggers.firstDelay(), triggers.expectContinue()).start();
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

    /** Blocking {@link #triggerAsync}. @param request the run to trigger @return the created run */
    @NonNull
    public Run trigger(@NonNull RunRequest request) {
        return Blocking.join(triggerAsync(request));
    }

    /** Blocking {@link #getRunAsync}. @param job the job @param runId the run @return the run */
    @NonNull
    public Run getRun(@NonNull JobRef job, @NonNull String runId) {
        return Blocking.join(getRunAsync(job, runId));
    }

    /** Blocking {@link #waitForAsync}, first poll at once. @param job the job @param runId the run @param options how to wait @param listener progress @return the finished run */
    @NonNull
    public Run waitFor(@NonNull JobRef job, @NonNull String runId, @NonNull WaitOptions options,
            @NonNull RunListener listener) {
        return Blocking.join(waitForAsync(job, runId, null, Duration.ZERO, options, listener));
    }

    /** Blocking {@link #runAsync}. @param request the run to trigger @param options how to wait @param listener progress @return the finished run */
    @NonNull
    public Run run(@NonNull RunRequest request, @NonNull WaitOptions options, @NonNull RunListener listener) {
        return Blocking.join(runAsync(request, options, listener));
    }

    /**
     * @return the read endpoints of the official JavaScript client (projects, jobs, runs lists):
     *     blocking, for checks and pickers, never the main flow
     */
    @NonNull
    public CatalogReader catalog() {
        return new CatalogReader(baseUrl.toString(), exchange);
    }

    /** Nothing to release: the HTTP client and scheduler are shared or owned by the caller. */
    @Override
    public void close() {}

    /** @return the base URL; never the token */
    @Override
    public String toString() {
        return "IshCdClient[" + baseUrl + "]";
    }

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

    private static void requireRunId(String runId) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("The Ish CD run id is empty: give the id the trigger returned.");
        }
    }

    private String runsUri(JobRef job) {
        return CatalogReader.jobUri(baseUrl.toString(), job) + "/runs";
    }
}
