package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.PluginWrapper;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdExecutors;
import io.jenkins.plugins.ishcd.client.RequestLimits;
import io.jenkins.plugins.ishcd.client.RequestScheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import jenkins.model.Jenkins;

/**
 * Makes {@link IshCdClient}s that go through Jenkins' proxy settings and share this Jenkins'
 * {@link RequestScheduler}.
 *
 * <p>One {@link HttpClient} is shared by every client: each JDK client owns a selector thread and a
 * connection pool, so one per run would cost a thread per waiting build. The token is a header of
 * each request, not a property of the HTTP client, so sharing it across tokens leaks nothing. It is
 * rebuilt when the administrator changes the proxy configuration. {@link IshCdClient}s themselves
 * are cheap and made per use, so a token lives no longer than the call that needs it.
 *
 * <p>The scheduler (two threads whatever the number of builds) belongs to this Jenkins: it is made
 * on first use with the administrator's request limits and stopped by a terminator, so a Jenkins
 * started again in the same JVM (tests, a reload) gets a new one. The engine's JVM-wide scheduler
 * cannot be used that way: {@link IshCdExecutors#shutdown()} is final.
 */
final class IshCdClients {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static ProxyConfiguration proxyOfHttpClient;
    private static HttpClient httpClient;
    private static RequestScheduler scheduler;
    /** The base URL whose limits the scheduler holds, so that a moved URL's old limits are dropped. */
    private static URI limitedUrl;

    private IshCdClients() {}

    /**
     * @param baseUrl the API base URL, already accepted by {@link io.jenkins.plugins.ishcd.client.BaseUrl#parse}
     * @param token the API token
     * @return a client on this Jenkins' scheduler and the proxy-aware HTTP client
     * @throws IllegalArgumentException with one sentence for a bad URL or token
     */
    @NonNull
    static IshCdClient create(@NonNull String baseUrl, @NonNull String token) {
        return IshCdClient.builder()
                .baseUrl(baseUrl)
                .token(token)
                .httpClient(httpClient())
                .scheduler(scheduler())
                .requestTimeout(REQUEST_TIMEOUT)
                .userAgent(userAgent())
                .build();
    }

    /** @return this Jenkins' scheduler, made with the configured limits on first use */
    @NonNull
    static RequestScheduler scheduler() {
        synchronized (IshCdClients.class) {
            if (scheduler != null) {
                return scheduler;
            }
        }
        // Outside this class's lock: saving the configuration takes its own lock, then this one.
        IshCdConfiguration config = IshCdConfiguration.get();
        synchronized (IshCdClients.class) {
            if (scheduler == null) {
                scheduler = IshCdExecutors.newScheduler("ish-cd");
                limitedUrl = null;
                limit(config.getBaseUrl(), config.requestLimits());
            }
            return scheduler;
        }
    }

    /**
     * Applies the administrator's limits (on load and on save); the base URL they applied to before,
     * if another, goes back to the defaults. Nothing to do before the scheduler exists: it reads them.
     *
     * @param baseUrl the configured API base URL
     * @param limits its limits
     */
    static synchronized void limit(@NonNull String baseUrl, @NonNull RequestLimits limits) {
        if (scheduler == null) {
            return;
        }
        URI url = URI.create(baseUrl);
        if (limitedUrl != null && !limitedUrl.equals(url)) {
            scheduler.setLimits(limitedUrl, null);
        }
        scheduler.setLimits(url, limits);
        limitedUrl = url;
    }

    /**
     * Stops the scheduler's threads (from {@link IshRunShutdown#stopEngine()}, once Pipeline builds
     * were told of the shutdown); a wait still under way (a freestyle build) fails saying so.
     */
    static synchronized void stopScheduler() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    private static synchronized HttpClient httpClient() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (httpClient == null || proxy != proxyOfHttpClient) {
            httpClient = ProxyConfiguration.newHttpClientBuilder()
                    // Never follow a redirect: it would resend the token to another address.
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            proxyOfHttpClient = proxy;
        }
        return httpClient;
    }

    private static String userAgent() {
        Jenkins jenkins = Jenkins.get();
        PluginWrapper plugin = jenkins.getPluginManager().getPlugin("ish-cd");
        String version = plugin == null ? "unknown" : plugin.getVersion();
        return "ish-cd-plugin/" + version + " Jenkins/" + Jenkins.VERSION;
    }
}
