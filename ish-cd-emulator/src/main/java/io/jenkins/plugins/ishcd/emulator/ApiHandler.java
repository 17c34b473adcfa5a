package io.jenkins.plugins.ishcd.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API part of the emulator ({@code /v1/...}): records each request, applies faults, checks the token,
 * routes and decides the answer. Order of checks: a refusal of the connection layer (413, 400), path encoding
 * (400), route (404), method (405), faults, token (401/403), then the resource. Every answer is JSON except
 * the HTML a 5xx fault asks for, as a gateway would send it.
 */
final class ApiHandler {
    /** The largest request body read; a trigger body is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Headers whose values are credentials: only their scheme, if any, is journalled. */
    private static final List<String> SECRET_HEADERS = List.of("Authorization", "Proxy-Authorization", "Cookie", "X-CSRF-Token");

    private final Catalog catalog;
    private final ApiResources resources;
    private final TokenService tokens;
    private final RequestJournal journal;
    private final Faults global;
    private final int authFailureStatus;

    ApiHandler(Catalog catalog, ApiResources resources, TokenService tokens, RequestJournal journal, Faults global,
            int authFailureStatus) {
        this.catalog = catalog;
        this.resources = resources;
        this.tokens = tokens;
        this.journal = journal;
        this.global = global;
        this.authFailureStatus = authFailureStatus;
    }

    /** @return the answer, already journalled; {@link Answer#DROP} when a fault drops the connection */
    Answer answer(IncomingRequest request) throws InterruptedException {
        if (request.refusal() != null) {
            return record(request, null, request.refusal());
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        String rawPath = request.rawPath();
        Optional<Route> route = Route.parse(rawPath);
        if (route.isEmpty()) {
            return record(request, null, Route.isMalformed(rawPath)
                    ? Answer.error(400, "The path " + rawPath + " is not valid percent-encoding: write '%' as %25")
                    : Answer.error(404, "No such resource: " + rawPath));
        }
        if (!route.get().kind().methods().contains(method)) {
            return record(request, null, Answer.error(405, "Method " + method + " is not allowed here")
                    .withHeader("Allow", String.join(", ", route.get().kind().methods())));
        }
        List<Faults> scopes = scopes(route.get());
        Duration latency = scopes.stream().map(Faults::latency).max(Duration::compareTo).orElse(Duration.ZERO);
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
        Fault before = take(scopes, method, Fault.Phase.BEFORE);
        if (before != null) {
            return record(request, null, Answer.fault(before));
        }
        String authorization = request.header("Authorization");
        Optional<String> tokenName = tokens.authenticate(authorization);
        if (tokenName.isEmpty()) {
            Answer refused = Answer.error(authFailureStatus, authorization == null
                    ? "Access denied: no API token in the Authorization header"
                    : "Access denied: the API token is not valid");
            return record(request, null, authFailureStatus == 401 ? refused.withHeader("WWW-Authenticate", "Bearer") : refused);
        }
        Answer answer = resources.answer(route.get(), method, request.body(), request.rawQuery());
        Fault after = take(scopes, method, Fault.Phase.AFTER);
        return record(request, tokenName.get(), after != null ? Answer.fault(after) : answer);
    }

    /** The fault scopes a request falls in, most specific first: run, job, global. */
    private List<Faults> scopes(Route route) {
        List<Faults> scopes = new ArrayList<>(3);
        if (route.job() != null) {
            Optional<Catalog.Job> job = catalog.job(route.project(), route.job());
            if (route.run() != null) {
                catalog.run(route.run())
                        .filter(run -> job.isPresent() && run.job() == job.get().spec())
                        .ifPresent(run -> scopes.add(run.faults()));
            }
            job.ifPresent(j -> scopes.add(j.faults()));
        }
        scopes.add(global);
        return scopes;
    }

    private static Fault take(List<Faults> scopes, String method, Fault.Phase phase) {
        for (Faults faults : scopes) {
            Fault fault = faults.take(method, phase);
            if (fault != null) {
                return fault;
            }
        }
        return null;
    }

    private Answer record(IncomingRequest request, String tokenName, Answer answer) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        for (String secret : SECRET_HEADERS) {
            headers.computeIfPresent(secret, (name, values) -> values.stream().map(ApiHandler::redact).toList());
        }
        journal.record(new RecordedRequest(request.method(), request.rawPath(), request.rawQuery(),
                new String(request.body(), StandardCharsets.UTF_8), headers, tokenName, answer.status(), request.received()));
        return answer;
    }

    /** Keeps the scheme, so tests can check it, and never the credential. */
    private static String redact(String authorization) {
        int space = authorization.indexOf(' ');
        return space > 0 ? authorization.substring(0, space) + " " + RecordedRequest.REDACTED : RecordedRequest.REDACTED;
    }
}
