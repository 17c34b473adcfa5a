package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP answer before it is sent.
 *
 * @param status the status code
 * @param contentType the {@code Content-Type}
 * @param body the body bytes
 * @param headers further headers, e.g. {@code Allow} or {@code Retry-After}
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";

    /** Closes the connection without any answer, as a fault asked. */
    static final Answer DROP = new Answer(RecordedRequest.NO_ANSWER, JSON, new byte[0], Map.of());

    static Answer json(int status, JsonNode node) {
        return new Answer(status, JSON, ApiJson.bytes(node), Map.of());
    }

    /** @return an error with the emulator's JSON body {@code {"message": ...}} */
    static Answer error(int status, String message) {
        return new Answer(status, JSON, ApiJson.message(message), Map.of());
    }

    /** @return the answer an injected fault gives: HTML for 5xx, JSON otherwise, {@link #DROP} for a drop */
    static Answer fault(Fault fault) {
        if (fault.kind() == Fault.Kind.DROP) {
            return DROP;
        }
        if (fault.kind() == Fault.Kind.RATE_LIMIT) {
            Duration retryAfter = fault.retryAfter();
            Map<String, String> headers = retryAfter == null ? Map.of()
                    : Map.of("Retry-After", Long.toString(Math.max(0, (retryAfter.toMillis() + 999) / 1000)));
            return new Answer(429, JSON, ApiJson.message("Too many requests: slow down"), headers);
        }
        if (fault.status() >= 500) {
            return new Answer(fault.status(), "text/html", ErrorPages.html(fault.status()).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        return error(fault.status(), ErrorPages.reason(fault.status()));
    }

    /** @return whether this is {@link #DROP} */
    boolean isDrop() {
        return status == RecordedRequest.NO_ANSWER;
    }

    Answer withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, body, Map.copyOf(more));
    }
}
