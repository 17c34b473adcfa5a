package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One HTTP exchange with Ish CD: the API's headers, the body read within a size limit, the answer
 * parsed on the thread that received it (never on the scheduler's), and every failure turned into
 * an {@link IshCdException}.
 *
 * <p>Where {@link HttpClient#sendAsync} would start a thread per answer (JDKs whose
 * {@link CompletableFuture} default executor is a new thread per task, as on JDK 17 to 21 with one
 * or two CPUs), requests are sent with the blocking {@link HttpClient#send} on {@code blocking}
 * instead: virtual threads where the JDK has them, else a small fixed pool. See
 * {@link IshCdExecutors#blockingSends()}.
 */
final class HttpExchange {
    private final HttpClient http;
    private final Executor blocking;
    private final long maxResponseBytes;
    private final Duration requestTimeout;
    private final String authorization;
    private final String userAgent;
    private final Failures failures;

    /** @param blocking the executor of blocking sends, or null to use {@link HttpClient#sendAsync} */
    HttpExchange(HttpClient http, Executor blocking, long maxResponseBytes, Duration requestTimeout, String token,
            String userAgent, Failures failures) {
        this.http = http;
        this.blocking = blocking;
        this.maxResponseBytes = maxResponseBytes;
        this.requestTimeout = requestTimeout;
        this.authorization = "Bearer " + token;
        this.userAgent = userAgent;
        this.failures = failures;
    }

    Failures failures() {
        return failures;
    }

    /** @return a request with the API's headers; the caller adds the method and body */
    HttpRequest.Builder newRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("User-Agent", userAgent);
    }

    /**
     * @return the parsed answer; fails with an {@link IshCdException}. Cancelling it abandons the
     *     exchange where the JDK allows (asynchronous sends).
     */
    <T> CompletableFuture<T> send(HttpRequest request, Call call, Function<JsonNode, T> parser) {
        // For "no answer came within 30 s": from this attempt, not from the time in the queue.
        call.sent(request.timeout().orElse(Duration.ZERO));
        AtomicInteger overLimit = new AtomicInteger();
        HttpResponse.BodyHandler<byte[]> handler = LimitedBody.handler(maxResponseBytes, overLimit);
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            if (blocking != null) {
                blocking.execute(() -> {
                    HttpResponse<byte[]> response = null;
                    Throwable error = null;
                    try {
                        response = http.send(request, handler);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        error = e;
                    } catch (IOException | RuntimeException e) {
                        error = e;
                    }
                    complete(result, call, response, error, overLimit, parser);
                });
                return result;
            }
            CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, handler);
            exchange.whenComplete((response, error) -> complete(result, call, response, error, overLimit, parser));
            result.whenComplete((r, e) -> {
                if (result.isCancelled()) {
                    exchange.cancel(true);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(failures.fromThrowable(call, e));
        }
        return result;
    }

    private <T> void complete(CompletableFuture<T> result, Call call, HttpResponse<byte[]> response, Throwable error,
            AtomicInteger overLimit, Function<JsonNode, T> parser) {
        try {
            result.complete(read(call, response, error, overLimit.get(), parser));
        } catch (IshCdException e) {
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(failures.fromThrowable(call, e));
        }
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
}
