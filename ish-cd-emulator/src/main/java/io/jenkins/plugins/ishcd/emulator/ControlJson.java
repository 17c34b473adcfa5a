package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The JSON of the control endpoint's answers; see {@link ControlHandler}. */
final class ControlJson {

    private ControlJson() {
    }

    /**
     * @return {@code {"method", "path", "query", "body", "headers": {"name": ["value"]}, "tokenName", "status",
     *     "received"}}: a {@link RecordedRequest}, tokens already redacted; {@code received} in ISO-8601
     */
    static ObjectNode request(RecordedRequest r) {
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        node.put("method", r.method()).put("path", r.path()).put("query", r.query()).put("body", r.body());
        ObjectNode headers = node.putObject("headers");
        r.headers().forEach((name, values) -> values.forEach(headers.withArray(name)::add));
        node.put("tokenName", r.tokenName()).put("status", r.status()).put("received", r.received().toString());
        return node;
    }

    /**
     * @return {@code {"requests", "inFlight", "peakInFlight", "peakPerSecond", "peakInAnySecond", "connections",
     *     "closedIdle", "perSecond": [{"second": <Unix second>, "requests": n}, ...]}}; see {@link Traffic}
     */
    static ObjectNode traffic(Traffic traffic) {
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        node.put("requests", traffic.requests()).put("inFlight", traffic.inFlight()).put("peakInFlight", traffic.peakInFlight())
                .put("peakPerSecond", traffic.peakPerSecond()).put("peakInAnySecond", traffic.peakInAnySecond())
                .put("connections", traffic.connections()).put("closedIdle", traffic.closedIdle());
        var perSecond = node.putArray("perSecond");
        traffic.perSecond().forEach((second, count) -> perSecond.addObject().put("second", second).put("requests", count));
        return node;
    }

    /**
     * @return {@code {"id", "project", "job", "env": {...}, "status", "outcome", "created", "finishes"}}: the
     *     project's and job's machine names, the status now, instants in ISO-8601 (to the nanosecond the clock gives)
     */
    static ObjectNode run(EmulatedRun run, Instant now) {
        ObjectNode node = ApiJson.MAPPER.createObjectNode();
        node.put("id", run.id()).put("project", run.project().machineName()).put("job", run.job().machineName());
        ObjectNode env = node.putObject("env");
        run.env().forEach(env::put);
        node.put("status", run.stateAt(now).status()).put("outcome", run.outcome().status())
                .put("created", run.created().toString()).put("finishes", run.finishes().toString());
        return node;
    }
}
