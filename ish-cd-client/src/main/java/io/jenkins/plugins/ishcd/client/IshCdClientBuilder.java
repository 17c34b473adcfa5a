package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Builds an {@link IshCdClient}; get one from {@link IshCdClient#builder()}. Setters validate at
 * once and throw {@link IllegalArgumentException} with one sentence; the token is never echoed.
 */
public final class IshCdClientBuilder {
    URI baseUrl = BaseUrl.parse(BaseUrl.DEFAULT);
    String token;
    HttpClient httpClient;
    RequestScheduler scheduler;
    Executor blockingSends;
    boolean blockingSendsSet;
    Duration requestTimeout = Duration.ofSeconds(30);
    String product;
    long maxResponseBytes = 64L * 1024 * 1024;
    int maxTriggerAttempts = 3;
    Duration triggerRetryDelay = Duration.ofSeconds(1);
    boolean expectContinue = true;

    IshCdClientBuilder() {}

    /** @param url the API base URL; see {@link BaseUrl#parse} @return this */
    public IshCdClientBuilder baseUrl(@NonNull String url) {
        this.baseUrl = BaseUrl.parse(url);
        return this;
    }

    /** @param url the API base URL; see {@link BaseUrl#parse} @return this */
    public IshCdClientBuilder baseUrl(@NonNull URI url) {
        return baseUrl(url.toString());
    }

    /** @param token the API token (a JWT), sent only in the {@code Authorization} header @return this */
    public IshCdClientBuilder token(@NonNull String token) {
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
    public IshCdClientBuilder httpClient(@NonNull HttpClient client) {
        this.httpClient = client;
        return this;
    }

    /** @param scheduler queues this client's requests; default {@link IshCdExecutors#scheduler()} @return this */
    public IshCdClientBuilder scheduler(@NonNull RequestScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /** For tests of both ways of sending: null sends with {@link HttpClient#sendAsync}. */
    IshCdClientBuilder blockingSends(@CheckForNull Executor executor) {
        this.blockingSends = executor;
        this.blockingSendsSet = true;
        return this;
    }

    /**
     * Whether a trigger asks {@code Expect: 100-continue} (on JDK 19 and later; JDK 17 and 18 mishandle
     * it). With it, a trigger whose body never left this JVM, because the connection it went on had
     * been closed by the server, is safely sent again; it costs one round trip per trigger. Turn it
     * off only for a server or proxy that cannot answer it.
     *
     * @param on default true
     * @return this
     */
    public IshCdClientBuilder expectContinue(boolean on) {
        this.expectContinue = on;
        return this;
    }

    /** @param timeout how long one HTTP request may take, positive; default 30 s @return this */
    public IshCdClientBuilder requestTimeout(@NonNull Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The request timeout must be positive.");
        }
        this.requestTimeout = timeout;
        return this;
    }

    /** @param product a product token put first in the {@code User-Agent}, e.g. {@code ish-cd-plugin/1.2} @return this */
    public IshCdClientBuilder userAgent(@CheckForNull String product) {
        this.product = product == null || product.isBlank() ? null : product.trim();
        return this;
    }

    /** @param bytes the largest answer read, in bytes, at least 1024; default 64 MiB @return this */
    public IshCdClientBuilder maxResponseBytes(long bytes) {
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
    public IshCdClientBuilder triggerRetries(int attempts, @NonNull Duration firstDelay) {
        if (attempts < 1 || attempts > 10 || firstDelay.isNegative()) {
            throw new IllegalArgumentException("Trigger attempts must be 1 to 10 with a delay of 0 or more.");
        }
        this.maxTriggerAttempts = attempts;
        this.triggerRetryDelay = firstDelay;
        return this;
    }

    /** How triggers are sent again: {@link #triggerRetries} and {@link #expectContinue}. */
    record TriggerSettings(int attempts, Duration firstDelay, boolean expectContinue) {}

    TriggerSettings triggerSettings() {
        return new TriggerSettings(maxTriggerAttempts, triggerRetryDelay, expectContinue);
    }

    String userAgentHeader(String version) {
        return (product == null ? "" : product + " ") + "ish-cd-client/" + version + " Java/"
                + System.getProperty("java.version");
    }

    /**
     * @return the client
     * @throws IllegalArgumentException if no token was given
     */
    @NonNull
    public IshCdClient build() {
        if (token == null) {
            throw new IllegalArgumentException("No Ish CD API token was given: set one with token(...).");
        }
        return new IshCdClient(this);
    }
}
