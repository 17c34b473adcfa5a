package io.jenkins.plugins.ishcd.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side of the emulator: records each request, applies faults, checks the token, routes and writes
 * the answer. Order of checks: route (404), method (405), faults, token (401/403), then the resource.
 */
final class ApiHandler implements HttpHandler {
    /** The largest request body read; a trigger body is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 1024 * 1024;


    private static final Logger LOGGER = Logger.getLogger(ApiHandler.class.getName());

    private final Catalog catalog;
    private final ApiResources resources;
    private final TokenService tokens;
    private final RequestJournal journal;
    private final Faults global;
    private final Clock clock;
    private final int authFailureStatus;

    ApiHandler(Catalog catalog, ApiResources resources, TokenService tokens, RequestJournal journal, Faults global,
            Clock clock, int authFailureStatus) {
        this.catalog = catalog;
        this.resources = resources;
        this.tokens = tokens;
        this.journal = journal;
        this.global = global;
        this.clock = clock;
        this.authFailureStatus = authFailureStatus;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (IOException | RuntimeException e) {
            // The client went away or a fault closed the connection on purpose: nothing left to answer.
            LOGGER.log(Level.FINE, "Exchange ended early", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            // Bounded: the emulator may listen beyond loopback (--bind), and a body is never this large.
            send(exchange, new byte[0], null, Answer.error(413, "The request body is larger than 1 MiB"));
            return;
        }
        Optional<Route> route = Route.parse(exchange.getRequestURI().getRawPath());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (route.isEmpty()) {
            send(exchange, body, null, Answer.error(404, "No such resource: " + exchange.getRequestURI().getRawPath()));
            return;
        }
        if (!route.get().kind().methods().contains(method)) {
            send(exchange, body, null, Answer.error(405, "Method " + method + " is not allowed here")
                    .withHeader("Allow", String.join(", ", route.get().kind().methods())));
            return;
        }
        List<Faults> scopes = scopes(route.get());
        Duration latency = scopes.stream().map(Faults::latency).max(Duration::compareTo).orElse(Duration.ZERO);
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
        Fault before = take(scopes, method, Fault.Phase.BEFORE);
        if (before != null) {
            sendFault(exchange, body, null, before);
            return;
        }
        Optional<String> tokenName = tokens.authenticate(authorization);
        if (tokenName.isEmpty()) {
            Answer refused = Answer.error(authFailureStatus, authorization == null
                    ? "Access denied: no API token in the Authorization header"
                    : "Access denied: the API token is not valid");
            send(exchange, body, null, authFailureStatus == 401 ? refused.withHeader("WWW-Authenticate", "Bearer") : refused);
            return;
        }
        Answer answer = resources.answer(route.get(), method, body);
        Fault after = take(scopes, method, Fault.Phase.AFTER);
        if (after != null) {
            sendFault(exchange, body, tokenName.get(), after);
            return;
        }
        send(exchange, body, tokenName.get(), answer);
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

    private void sendFault(HttpExchange exchange, byte[] body, String tokenName, Fault fault) throws IOException {
        if (fault.kind() == Fault.Kind.DROP) {
            record(exchange, body, tokenName, RecordedRequest.NO_ANSWER);
            // Closing before any response header was sent makes the JDK server close the socket: the
            // client sees the connection end without an answer.
            throw new IOException("Dropping the connection as a fault asked");
        }
        send(exchange, body, tokenName, Answer.fault(fault));
    }

    private void send(HttpExchange exchange, byte[] body, String tokenName, Answer answer) throws IOException {
        record(exchange, body, tokenName, answer.status());
        exchange.getResponseHeaders().set("Content-Type", answer.contentType() + "; charset=utf-8");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private void record(HttpExchange exchange, byte[] body, String tokenName, int status) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values));
        for (String secret : new String[] {"Authorization", "Proxy-authorization", "Cookie"}) {
            headers.computeIfPresent(secret, (name, values) -> values.stream().map(ApiHandler::redact).toList());
        }
        String query = exchange.getRequestURI().getRawQuery();
        journal.record(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                query == null ? "" : query, new String(body, StandardCharsets.UTF_8), headers, tokenName, status,
                clock.instant()));
    }

    /** Keeps the scheme, so tests can check it, and never the credential. */
    private static String redact(String authorization) {
        int space = authorization.indexOf(' ');
        return space > 0 ? authorization.substring(0, space) + " " + RecordedRequest.REDACTED : RecordedRequest.REDACTED;
    }
}
