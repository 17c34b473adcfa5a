package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.PluginWrapper;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdExecutors;
import java.net.http.HttpClient;
import java.time.Duration;
import jenkins.model.Jenkins;

/**
 * Makes {@link IshCdClient}s that go through Jenkins' proxy settings.
 *
 * <p>One {@link HttpClient} is shared by every client: each JDK client owns a selector thread and a
 * connection pool, so one per run would cost a thread per waiting build. The token is a header of
 * each request, not a property of the HTTP client, so sharing it across tokens leaks nothing. It is
 * rebuilt when the administrator changes the proxy configuration. {@link IshCdClient}s themselves
 * are cheap and made per use, so a token lives no longer than the call that needs it.
 */
final class IshCdClients {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static ProxyConfiguration proxyOfHttpClient;
    private static HttpClient httpClient;

    private IshCdClients() {}

    /**
     * @param baseUrl the API base URL, already accepted by {@link io.jenkins.plugins.ishcd.client.BaseUrl#parse}
     * @param token the API token
     * @return a client on the shared scheduler and the proxy-aware HTTP client
     */
    @NonNull
    static IshCdClient create(@NonNull String baseUrl, @NonNull String token) {
        return IshCdClient.builder()
                .baseUrl(baseUrl)
                .token(token)
                .httpClient(httpClient())
                .scheduler(IshCdExecutors.scheduler())
                .requestTimeout(REQUEST_TIMEOUT)
                .userAgent(userAgent())
                .build();
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
