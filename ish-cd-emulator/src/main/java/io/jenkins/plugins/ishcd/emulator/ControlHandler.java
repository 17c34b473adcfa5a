package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The control endpoint, {@code /emulator/...}, beside the API: what a user of the jar, or a benchmark in another
 * process, reads and sets from a shell (see the module's README). It answers requests from this machine only
 * (loopback), asks for no token, and is neither journalled nor counted in the {@link Traffic}.
 */
final class ControlHandler {

    /** The path every control resource starts with. */
    static final String PREFIX = "/emulator";

    private static final Map<String, String> ENDPOINTS = Map.of(
            "GET /emulator/journal?method=&path=&limit=100", "the requests received (tokens redacted), newest last; total counts them all",
            "DELETE /emulator/journal", "forget the journal",
            "GET /emulator/traffic", "requests per second, in flight, their peaks, connections",
            "DELETE /emulator/traffic", "start the traffic figures afresh",
            "GET /emulator/runs", "every run created, with its env and the instant it finishes",
            "POST /emulator/faults", "set a fault, e.g. {\"fault\": \"failNext\", \"method\": \"GET\", \"status\": 502}",
            "DELETE /emulator/faults", "remove every fault, of every scope");

    private final RequestJournal journal;
    private final Traffic traffic;
    private final Catalog catalog;
    private final Faults global;
    private final Clock clock;

    ControlHandler(RequestJournal journal, Traffic traffic, Catalog catalog, Faults global, Clock clock) {
        this.journal = journal;
        this.traffic = traffic;
        this.catalog = catalog;
        this.global = global;
        this.clock = clock;
    }

    /** @return the answer; a refusal of the connection layer (a body over 1 MiB) as it is */
    Answer answer(IncomingRequest request) {
        if (request.refusal() != null) {
            return request.refusal();
        }
        if (!request.client().getAddress().isLoopbackAddress()) {
            return Answer.error(403, "The control endpoint " + PREFIX + "/ answers requests from this machine only");
        }
        String resource = request.rawPath().substring(PREFIX.length());
        String method = request.method().toUpperCase(Locale.ROOT);
        try {
            switch (resource.isEmpty() ? "/" : resource) {
                case "/":
                    return "GET".equals(method) ? index() : notAllowed("GET");
                case "/journal":
                    return "GET".equals(method) ? journal(QueryParams.parse(request.rawQuery()))
                            : "DELETE".equals(method) ? done(journal::clear, "Journal cleared") : notAllowed("GET, DELETE");
                case "/traffic":
                    return "GET".equals(method) ? Answer.json(200, ControlJson.traffic(traffic))
                            : "DELETE".equals(method) ? done(traffic::reset, "Traffic figures reset") : notAllowed("GET, DELETE");
                case "/runs":
                    return "GET".equals(method) ? runs() : notAllowed("GET");
                case "/faults":
                    return "POST".equals(method) ? fault(request.body())
                            : "DELETE".equals(method) ? done(this::clearFaults, "Every fault removed") : notAllowed("POST, DELETE");
                default:
                    return Answer.error(404, "No such control resource: " + request.rawPath() + "; GET " + PREFIX + " lists them");
            }
        } catch (IllegalArgumentException e) {
            return Answer.error(400, e.getMessage());
        }
    }

    private Answer index() {
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        ENDPOINTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> node.put(e.getKey(), e.getValue()));
        return Answer.json(200, ApiJson.MAPPER.createObjectNode().set("endpoints", node));
    }

    private Answer journal(QueryParams query) {
        String method = query.get("method");
        String path = query.get("path") == null ? "" : query.get("path");
        int shown = query.number("limit", 0, 100);
        List<RecordedRequest> retained = journal.requests(method == null || method.isEmpty() ? null : method, path);
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        node.put("total", journal.count(method == null || method.isEmpty() ? null : method, path));
        node.put("retained", retained.size());
        node.put("retentionLimit", journal.limit());
        ArrayNode requests = node.putArray("requests");
        retained.subList(Math.max(0, retained.size() - shown), retained.size()).forEach(r -> requests.add(ControlJson.request(r)));
        return Answer.json(200, node);
    }

    private Answer runs() {
        ArrayNode list = ApiJson.MAPPER.createArrayNode();
        catalog.runs().forEach(run -> list.add(ControlJson.run(run, clock.instant())));
        return Answer.json(200, list);
    }

    private Answer fault(byte[] body) {
        JsonNode command;
        try {
            command = ApiJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not valid JSON: send an object such as {\"fault\": \"clear\"}");
        }
        return Answer.json(200, ApiJson.MAPPER.createObjectNode().put("message", FaultCommand.apply(command, catalog, global)));
    }

    private void clearFaults() {
        global.clear();
        catalog.allFaults().forEach(Faults::clear);
    }

    private static Answer done(Runnable action, String message) {
        action.run();
        return Answer.json(200, ApiJson.MAPPER.createObjectNode().put("message", message));
    }

    private static Answer notAllowed(String allowed) {
        return Answer.error(405, "Use " + allowed + " here").withHeader("Allow", allowed);
    }
}
