package io.jenkins.plugins.ishcd.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the emulator received, as a test sees it. The {@code Authorization} header keeps its
 * scheme only ({@code "Bearer [redacted]"}): token values are never recorded.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the raw (still percent-encoded) path as sent, e.g. {@code /v1/projects/my%20corp/jobs/deploy/runs}
 * @param query the raw query string, or {@code ""} when there was none
 * @param body the request body as UTF-8 text, {@code ""} when empty
 * @param headers header values by lower-case name
 * @param tokenName the name the presented token was issued with, or {@code null} when it was not accepted
 * @param status the status code answered, or {@link #NO_ANSWER} when the connection was dropped
 * @param received when the request arrived, on the emulator's clock
 */
public record RecordedRequest(
        String method,
        String path,
        String query,
        String body,
        Map<String, List<String>> headers,
        String tokenName,
        int status,
        Instant received) {

    /** The {@link #status()} of a request whose connection was closed without an answer. */
    public static final int NO_ANSWER = 0;

    /** What is recorded in place of a credential. */
    public static final String REDACTED = "[redacted]";

    /** Copies the headers into an immutable, case-insensitive-by-lower-case map. */
    public RecordedRequest {
        Map<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Map.copyOf(copy);
    }

    /**
     * @param name a header name, in any case
     * @return the first value of that header, if it was sent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return {@code "POST /v1/projects/my-corp/jobs/deploy/runs -> 201"}: for assertion messages */
    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + (status == NO_ANSWER ? "dropped" : status);
    }
}
