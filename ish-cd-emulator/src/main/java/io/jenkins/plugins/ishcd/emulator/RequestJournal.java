package io.jenkins.plugins.ishcd.emulator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The requests the API part of the emulator received ({@code /v1/...}; the control endpoint's own requests are
 * not journalled), for assertions such as "exactly one POST". A request is recorded before its answer is sent,
 * so once a client has an answer, the journal has the request. Thread-safe.
 *
 * <p>What is bounded: only the last {@link #limit()} requests are kept in full ({@link #requests()},
 * {@link #last()}; default {@value #DEFAULT_LIMIT}). {@link #count} and {@link #size()} stay exact over every
 * request since the start or the last {@link #clear()}: they come from counters per method and path, whose
 * memory grows with the number of distinct paths (one per run that was read), not with the number of requests.
 * Recording a request costs O(1).
 */
public final class RequestJournal {

    /** How many requests are kept in full unless {@link IshCdEmulatorBuilder#journalLimit(int)} says otherwise. */
    public static final int DEFAULT_LIMIT = 10_000;

    private final int limit;
    private final ArrayDeque<RecordedRequest> retained = new ArrayDeque<>();
    /** Method (upper case) to raw path to the number of requests. */
    private final Map<String, Map<String, long[]>> counts = new HashMap<>();
    private long total;

    RequestJournal() {
        this(DEFAULT_LIMIT);
    }

    /** @param limit how many requests to keep in full, 0 for none (counters only) */
    RequestJournal(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("A journal limit is 0 or more, not " + limit);
        }
        this.limit = limit;
    }

    synchronized void record(RecordedRequest request) {
        if (limit > 0) {
            if (retained.size() == limit) {
                retained.removeFirst();
            }
            retained.addLast(request);
        }
        counts.computeIfAbsent(request.method().toUpperCase(Locale.ROOT), m -> new HashMap<>())
                .computeIfAbsent(request.path(), p -> new long[1])[0]++;
        total++;
    }

    /** @return how many requests are kept in full: the most recent ones */
    public int limit() {
        return limit;
    }

    /** @return a snapshot of the retained requests (the last {@link #limit()}), oldest first */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(retained);
    }

    /**
     * @param method an HTTP method (any case), or {@code null} for any
     * @param pathRegexOrPrefix matched against {@link RecordedRequest#path()}: a path matches when it starts
     *     with this text or matches it in full as a regular expression
     * @return the matching requests among the retained ones, oldest first
     */
    public List<RecordedRequest> requests(String method, String pathRegexOrPrefix) {
        Predicate<String> path = pathMatcher(pathRegexOrPrefix);
        return requests().stream().filter(r -> (method == null || method.equalsIgnoreCase(r.method())) && path.test(r.path()))
                .collect(Collectors.toList());
    }

    /**
     * @return how many requests match, among all received since the start or the last {@link #clear()}
     *     (not only the retained ones); see {@link #requests(String, String)} for the arguments
     */
    public synchronized int count(String method, String pathRegexOrPrefix) {
        Predicate<String> path = pathMatcher(pathRegexOrPrefix);
        long n = 0;
        for (Map.Entry<String, Map<String, long[]>> byMethod : counts.entrySet()) {
            if (method == null || method.equalsIgnoreCase(byMethod.getKey())) {
                for (Map.Entry<String, long[]> byPath : byMethod.getValue().entrySet()) {
                    n += path.test(byPath.getKey()) ? byPath.getValue()[0] : 0;
                }
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** @return how many requests were recorded since the start or the last {@link #clear()} */
    public synchronized int size() {
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** @return the last recorded request, or {@code null} when there is none (or the limit is 0) */
    public synchronized RecordedRequest last() {
        return retained.peekLast();
    }

    /** Forgets every recorded request and resets the counters, e.g. between the phases of a test. */
    public synchronized void clear() {
        retained.clear();
        counts.clear();
        total = 0;
    }

    private static Predicate<String> pathMatcher(String pathRegexOrPrefix) {
        Pattern pattern = compileOrNull(pathRegexOrPrefix);
        return path -> path.startsWith(pathRegexOrPrefix) || pattern != null && pattern.matcher(path).matches();
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
