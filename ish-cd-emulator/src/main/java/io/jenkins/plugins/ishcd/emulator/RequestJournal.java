package io.jenkins.plugins.ishcd.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every request the emulator received, in arrival order, for assertions such as "exactly one POST".
 * A request is recorded before its answer is sent, so once a client has an answer, the journal has the
 * request. Thread-safe.
 */
public final class RequestJournal {

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    void record(RecordedRequest request) {
        requests.add(request);
    }

    /** @return a snapshot of all recorded requests, oldest first */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param method an HTTP method (any case), or {@code null} for any
     * @param pathRegexOrPrefix matched against {@link RecordedRequest#path()}: a path matches when it starts
     *     with this text or matches it in full as a regular expression
     * @return the matching requests, oldest first
     */
    public List<RecordedRequest> requests(String method, String pathRegexOrPrefix) {
        return requests.stream().filter(matcher(method, pathRegexOrPrefix)).collect(Collectors.toList());
    }

    /** @return how many requests match; see {@link #requests(String, String)} */
    public int count(String method, String pathRegexOrPrefix) {
        return (int) requests.stream().filter(matcher(method, pathRegexOrPrefix)).count();
    }

    /** @return how many requests were recorded */
    public int size() {
        return requests.size();
    }

    /** @return the last recorded request, or {@code null} when there is none */
    public RecordedRequest last() {
        List<RecordedRequest> snapshot = requests();
        return snapshot.isEmpty() ? null : snapshot.get(snapshot.size() - 1);
    }

    /** Forgets every recorded request, e.g. between the phases of a test. */
    public void clear() {
        requests.clear();
    }

    private static Predicate<RecordedRequest> matcher(String method, String pathRegexOrPrefix) {
        Pattern pattern = compileOrNull(pathRegexOrPrefix);
        return request -> (method == null || method.equalsIgnoreCase(request.method()))
                && (request.path().startsWith(pathRegexOrPrefix)
                        || pattern != null && pattern.matcher(request.path()).matches());
    }

    private static Pattern compileOrNull(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException notARegex) {
            // A plain path such as "/v1/projects/a+b(1)" may not be a valid regex: it still works as a prefix.
            return null;
        }
    }
}
