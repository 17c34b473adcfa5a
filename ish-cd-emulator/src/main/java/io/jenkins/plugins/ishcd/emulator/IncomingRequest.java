package io.jenkins.plugins.ishcd.emulator;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as read from a connection, before anything acts on it.
 *
 * @param method the method as sent, e.g. {@code POST}
 * @param target the request target as sent, e.g. {@code /v1/projects/my-corp/runs?limit=1} (still percent-encoded)
 * @param headers header values by name, looked up in any case
 * @param body the body, empty when there was none
 * @param refusal the answer the connection layer already decided on (a body over the limit, a request that
 *     is not HTTP), or {@code null}
 * @param client the address the request came from
 * @param received when the request had been read in full, on the emulator's clock
 */
record IncomingRequest(String method, String target, Map<String, List<String>> headers, byte[] body, Answer refusal,
        InetSocketAddress client, Instant received) {

    /** Copies the headers into a case-insensitive map. */
    IncomingRequest {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = copy;
    }

    /** @return the first value of a header, or {@code null} */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return the raw path: the target without its query, e.g. {@code /v1/projects/my%20corp}; never null */
    String rawPath() {
        String path = withoutAuthority();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** @return the raw query, without {@code ?}, or {@code ""} when there is none */
    String rawQuery() {
        String path = withoutAuthority();
        int query = path.indexOf('?');
        return query < 0 ? "" : path.substring(query + 1);
    }

    /** @return whether this request is for the control endpoint rather than the API */
    boolean isControl() {
        String path = rawPath();
        return path.equals(ControlHandler.PREFIX) || path.startsWith(ControlHandler.PREFIX + "/");
    }

    // A proxy-style absolute target ("http://host:port/v1/...") names the same resource as its path.
    private String withoutAuthority() {
        int scheme = target.indexOf("://");
        if (target.startsWith("/") || scheme < 0) {
            return target;
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }
}
