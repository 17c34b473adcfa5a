package io.jenkins.plugins.ishcd.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns HTTP answers and network failures into typed {@link IshCdException}s with one sentence
 * each. Every message passes through {@link #redact}, so a server that echoes the token cannot
 * make it appear.
 */
final class Failures {
    static final String MAY_EXIST =
            " The run may have been created anyway: check Ish CD before running the job again.";

    private final URI baseUrl;
    private final String token;
    private final MalformedAnswers malformedAnswers = new MalformedAnswers();

    Failures(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** An answer whose status is not 2xx. */
    IshCdException fromStatus(Call call, int status, String body, Optional<String> retryAfterHeader) {
        // Redact before cutting: a cut through the token would leave a prefix that no longer matches it.
        String excerpt = BodyExcerpt.of(redact(body));
        String quoted = excerpt.isEmpty() ? "" : ": \"" + excerpt + "\"";
        if (status == 401 || status == 403) {
            String scope = call.job == null ? "" : ", and that its account is a member of project '"
                    + call.job.project() + "'";
            return new AuthenticationException(redact("Ish CD refused the API token (HTTP " + status + ") when "
                    + call.action + quoted + ": check that the token is valid and not revoked" + scope + "."),
                    status, call.job, call.runId, null);
        }
        if (status == 404) {
            return new NotFoundException(redact(call.notFound(baseUrl)), status, call.job, call.runId, null);
        }
        Optional<Duration> after = retryAfterHeader.flatMap(v -> RetryAfter.parse(v, Instant.now()));
        if (status == 429) {
            return new RateLimitedException(redact("Ish CD is limiting the rate of requests (HTTP 429) when "
                    + call.action + after.map(d -> "; it asked to retry after " + Durations.format(d)).orElse("")
                    + "."), call.job, call.runId, after.orElse(null));
        }
        if (status >= 500 && status <= 599) {
            // Even a 503 may come from a gateway whose upstream had the request: a trigger may have acted.
            return new ServerException(redact("Ish CD answered HTTP " + status + " when " + call.action + quoted + "."
                    + (call.trigger ? MAY_EXIST : "")), status, call.job, call.runId, after.orElse(null));
        }
        if (status == 413) {
            return new RequestRejectedException(redact("Ish CD refused the request as too large (HTTP 413) when "
                    + call.action + quoted + ": make the variables smaller. This client sends at most "
                    + RunRequest.MAX_BODY_BYTES_TEXT + " of them, so Ish CD or a gateway in front of it allows less."),
                    status, call.job, call.runId, null);
        }
        if (status >= 400 && status <= 499) {
            // 408: the server tired of waiting for the request; 409: a conflict with the run's state. A
            // later poll may not meet either, and neither says a trigger was not acted on.
            boolean mayPass = call.runId != null && (status == 408 || status == 409);
            return new RequestRejectedException(redact("Ish CD rejected the request (HTTP " + status + ") when "
                    + call.action + quoted + "."), status, call.job, call.runId, mayPass, null);
        }
        return new ProtocolException(redact("Ish CD answered with an unexpected HTTP " + status + " when " + call.action
                + quoted + ": check that the API URL " + baseUrl + " is right (redirects are not followed)."),
                status, call.job, call.runId, false, null);
    }

    /** A 2xx answer whose body is not what the API describes. */
    ProtocolException malformed(Call call, int status, String body, String problem) {
        return malformedAnswers.malformed(call, status, body, problem, this::redact);
    }

    /** An answer larger than the client accepts. */
    ProtocolException tooLarge(Call call, int status, long maxBytes) {
        return MalformedAnswers.tooLarge(call, status, maxBytes);
    }

    /** A failure with no usable answer: I/O, timeout, TLS, DNS. */
    IshCdException fromThrowable(Call call, Throwable t) {
        return fromThrowable(call, t, false);
    }

    /**
     * @param notSent whether the request certainly did not reach the server although a connection
     *     was made (its body never left this JVM), so a trigger "may have been created" is not said
     */
    IshCdException fromThrowable(Call call, Throwable t, boolean notSent) {
        Throwable cause = unwrap(t);
        if (cause instanceof IshCdException) {
            return (IshCdException) cause;
        }
        boolean connectFailed = notSent || certainlyNotSent(cause);
        String reason;
        if (cause instanceof HttpConnectTimeoutException) {
            reason = "the connection timed out";
        } else if (cause instanceof HttpTimeoutException) {
            reason = "no answer came within " + Durations.format(call.waitedForAnswer());
        } else if (cause instanceof SSLException) {
            reason = "the TLS handshake failed (" + cause.getMessage() + ")";
        } else if (hasCause(cause, UnresolvedAddressException.class)) {
            reason = "the host name could not be resolved";
        } else if (cause instanceof RejectedExecutionException) {
            reason = "the Ish CD client's threads were shut down";
        } else if (cause instanceof ConnectException) {
            reason = "the connection was refused";
        } else if (cause instanceof IOException) {
            reason = (cause.getMessage() == null ? "the connection was closed without an answer"
                    : "the connection failed (" + cause.getMessage() + ")") + " after " + Durations.format(call.elapsed());
        } else {
            reason = "an unexpected " + cause.getClass().getSimpleName() + " occurred (" + cause.getMessage() + ")";
        }
        String fix = connectFailed ? ": check the API URL and the network or proxy settings." : ".";
        return new CommunicationException(redact("Could not talk to Ish CD at " + baseUrl + " when " + call.action + ": "
                + reason + (call.trigger && !connectFailed ? "." + MAY_EXIST : fix)), 0, call.job, call.runId,
                cause);
    }

    /** The engine's threads were shut down (Jenkins stopping) before the call could end. */
    CommunicationException shutDown(Call call, boolean sent) {
        String goesOn = call.runId != null ? " The run goes on in Ish CD." : call.trigger && sent ? MAY_EXIST : "";
        return new CommunicationException("Stopped " + call.action + ": the Ish CD client's threads were shut down."
                + goesOn, 0, call.job, call.runId, null);
    }

    /**
     * @return whether the request certainly did not reach the server: the connection was never
     *     established (refused, unresolvable host, connect timeout, a failed TLS handshake, which
     *     comes before any byte of the request). Only then may a trigger be retried.
     */
    static boolean certainlyNotSent(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof ConnectException
                || c instanceof HttpConnectTimeoutException
                || hasCause(c, javax.net.ssl.SSLHandshakeException.class)
                || hasCause(c, UnresolvedAddressException.class); // the throwable itself or a cause
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** @return whether {@code t} or one of its causes is a {@code type} */
    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** @return the pause a 429 or a 5xx asked for with {@code Retry-After}; empty for any other failure */
    static Optional<Duration> retryAfter(IshCdException e) {
        return e instanceof RateLimitedException ? ((RateLimitedException) e).retryAfter()
                : e instanceof ServerException ? ((ServerException) e).retryAfter() : Optional.empty();
    }

    /**
     * The same failure with a longer message, of the same type, so callers that branch on the type
     * (exit codes, retry decisions) still can.
     */
    static IshCdException withMessage(IshCdException e, String message) {
        if (e instanceof ServerException) {
            return new ServerException(message, e.httpStatus(), e.job(), e.runId(),
                    ((ServerException) e).retryAfter().orElse(null));
        }
        if (e instanceof RateLimitedException) {
            return new RateLimitedException(message, e.job(), e.runId(), ((RateLimitedException) e).retryAfter().orElse(null));
        }
        if (e instanceof CommunicationException) {
            return new CommunicationException(message, e.httpStatus(), e.job(), e.runId(), e.getCause());
        }
        if (e instanceof AuthenticationException) {
            return new AuthenticationException(message, e.httpStatus(), e.job(), e.runId(), e.getCause());
        }
        if (e instanceof NotFoundException) {
            return new NotFoundException(message, e.httpStatus(), e.job(), e.runId(), e.getCause());
        }
        if (e instanceof RequestRejectedException) {
            return new RequestRejectedException(message, e.httpStatus(), e.job(), e.runId(), e.isTransient(), e.getCause());
        }
        if (e instanceof ProtocolException) {
            return new ProtocolException(message, e.httpStatus(), e.job(), e.runId(), e.isTransient(), e.getCause());
        }
        return new IshCdException(message, e.httpStatus(), e.job(), e.runId(), e.isTransient(), e);
    }

    /** Replaces the token wherever it appears, in case a server or proxy echoed it. */
    String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "****");
    }
}
