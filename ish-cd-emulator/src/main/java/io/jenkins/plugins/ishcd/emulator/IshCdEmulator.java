package io.jenkins.plugins.ishcd.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A local server that behaves like the Ish CD REST API ({@code /v1/projects/{project}/jobs/{job}/runs...},
 * {@code /v1/account}), with a control endpoint beside it ({@code /emulator/...}, loopback only), for tests,
 * demos, benchmarks and offline use.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * try (IshCdEmulator ish = IshCdEmulator.builder().clock(clock)
 *         .project("my-corp", p -> p.job("deploy", j -> j.runningFor(Duration.ofSeconds(26)).log("deploying ${BRANCH}\n")))
 *         .start()) {
 *     String token = ish.issueToken("jenkins");
 *     // POST ish.baseUrl() + "/projects/my-corp/jobs/deploy/runs" with "Authorization: Bearer " + token ...
 *     clock.advanceSeconds(30);   // the run is now complete
 *     assertThat(ish.journal().count("POST", "/v1/projects/my-corp/jobs/deploy/runs")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class IshCdEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final URI baseUrl;
    private final Clock clock;
    private final Catalog catalog;
    private final TokenService tokens;
    private final RequestJournal journal;
    private final Traffic traffic = new Traffic();
    private final Faults faults = new Faults();
    private final SelfSignedCertificate certificate;

    IshCdEmulator(IshCdEmulatorBuilder settings, List<ProjectSpec> projects) throws IOException {
        this.clock = settings.clock;
        this.catalog = new Catalog(projects);
        this.tokens = new TokenService(clock, settings.stateDirectory == null ? null : TokenService.secretIn(settings.stateDirectory));
        this.journal = new RequestJournal(settings.journalLimit);
        settings.faults.accept(faults);
        InetAddress bind = settings.bindAddress;
        // A wildcard bind still answers on loopback, which is the address clients on this machine should use.
        InetAddress host = bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind;
        Set<InetAddress> names = new LinkedHashSet<>(List.of(host, InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
        this.certificate = settings.https ? SelfSignedCertificate.generate(names) : null;
        ApiHandler api = new ApiHandler(catalog, new ApiResources(catalog, clock, faults, settings.triggerStatus), tokens,
                journal, faults, settings.authFailureStatus);
        ControlHandler control = new ControlHandler(journal, traffic, catalog, faults, clock);
        ConnectionHandler.Responder responder = request -> request.isControl() ? control.answer(request) : api.answer(request);
        this.server = new EmulatorServer(new InetSocketAddress(bind, settings.port),
                certificate == null ? null : certificate.serverContext(), settings.idleTimeout, settings.threads,
                workers -> new ConnectionHandler(responder, workers, traffic, clock));
        String hostText = host.getHostAddress().contains(":") ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        this.baseUrl = URI.create((settings.https ? "https" : "http") + "://" + hostText + ":" + port() + "/v1");
    }

    /** @return a builder with the defaults described on {@link IshCdEmulatorBuilder} */
    public static IshCdEmulatorBuilder builder() {
        return new IshCdEmulatorBuilder();
    }

    /** @return the API base URL, e.g. {@code http://127.0.0.1:40123/v1}, without a trailing slash */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the port the server listens on */
    public int port() {
        return server.address().getPort();
    }

    /**
     * @return the control endpoint, e.g. {@code http://127.0.0.1:40123/emulator}: the journal, the traffic, the
     *     runs and the faults over HTTP, for this machine only (see the module's README)
     */
    public URI controlUrl() {
        return baseUrl.resolve(ControlHandler.PREFIX);
    }

    /**
     * Issues a new API token, as "Generate Token" in the Ish UI does.
     *
     * @param name the token's name or description, recorded as {@link RecordedRequest#tokenName()}
     * @return a signed JWT (HS256), valid on this emulator until {@link #revokeToken revoked}; never logged
     */
    public String issueToken(String name) {
        return tokens.issue(name);
    }

    /** @param token a token this emulator issued; from now on it is refused like any invalid one */
    public void revokeToken(String token) {
        tokens.revoke(token);
    }

    /** @return the requests received by the API, with the token values removed; see {@link RequestJournal} for what is kept */
    public RequestJournal journal() {
        return journal;
    }

    /** @return requests per second and in flight, and their peaks, as the server saw them */
    public Traffic traffic() {
        return traffic;
    }

    /** @return whether this token, e.g. one kept from an earlier start with the same state folder, is accepted */
    boolean acceptsToken(String token) {
        return tokens.accepts(token);
    }

    /** @return the faults that apply to every request */
    public Faults faults() {
        return faults;
    }

    /**
     * @param project a project's machine name or ID
     * @param job a job's machine name or ID
     * @return the faults that apply to requests addressing this job (its runs included)
     * @throws IllegalArgumentException when there is no such job
     */
    public Faults faults(String project, String job) {
        return catalog.jobFaults(project, job);
    }

    /**
     * @param runId the {@code id} of a created run
     * @return the faults that apply to reading this one run, e.g. {@code runFaults(id).failNext("GET", 2, 502)}
     * @throws IllegalArgumentException when there is no such run
     */
    public Faults runFaults(String runId) {
        return catalog.runFaults(runId);
    }

    /** @return every run created so far, oldest first */
    public List<EmulatedRun> runs() {
        return catalog.runs();
    }

    /** @return the run with this {@code id}, if it was created here */
    public Optional<EmulatedRun> run(String id) {
        return catalog.run(id);
    }

    /** @return what the API reports now about the run with this {@code id} */
    public Optional<RunState> runState(String id) {
        return catalog.run(id).map(run -> run.stateAt(clock.instant()));
    }

    /** @return the configured projects */
    public List<ProjectSpec> projects() {
        return catalog.projects();
    }

    /** @return the clock run life cycles follow */
    public Clock clock() {
        return clock;
    }

    /** @return whether the server speaks HTTPS */
    public boolean isHttps() {
        return certificate != null;
    }

    /**
     * @return a client TLS context trusting the generated certificate (and nothing else), e.g. for
     *     {@code HttpClient.newBuilder().sslContext(...)}
     * @throws IllegalStateException when HTTPS is off
     */
    public SSLContext clientSslContext() {
        return requireHttps().clientContext();
    }

    /** @return a trust store holding the generated certificate; see {@link #clientSslContext()} */
    public KeyStore trustStore() {
        return requireHttps().trustStore();
    }

    /** @return the generated certificate; see {@link #clientSslContext()} */
    public X509Certificate certificate() {
        return requireHttps().certificate();
    }

    /** @return the generated certificate in PEM, e.g. for {@code curl --cacert} */
    public String certificatePem() {
        return requireHttps().pem();
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.close();
    }

    private SelfSignedCertificate requireHttps() {
        if (certificate == null) {
            throw new IllegalStateException("This emulator serves plain HTTP: start it with https(true)");
        }
        return certificate;
    }
}
