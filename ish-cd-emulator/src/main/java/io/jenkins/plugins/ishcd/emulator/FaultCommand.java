package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fault set through the control endpoint ({@code POST /emulator/faults}), e.g.
 * {@code {"fault": "failNext", "method": "GET", "count": 2, "status": 502, "project": "my-corp", "job": "deploy"}}.
 * The scope is the job named by {@code project} and {@code job}, the run named by {@code run}, or every request
 * when neither is given. Each fault has the name and the parameters of the {@link Faults} method it calls;
 * {@code method} and {@code count} default to any method and 1.
 */
final class FaultCommand {

    /** The longest running time a fault gives a run: 366 days. */
    private static final long MAX_RUNNING_SECONDS = 366L * 24 * 3600;
    private static final Set<String> SCOPE_KEYS = Set.of("fault", "project", "job", "run");
    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("latency", Set.of("millis")),
            Map.entry("failNext", Set.of("method", "count", "status")),
            Map.entry("failNextAfterProcessing", Set.of("method", "count", "status")),
            Map.entry("failShare", Set.of("method", "share", "status", "seed")),
            Map.entry("rateLimitNext", Set.of("method", "count", "retryAfterSeconds")),
            Map.entry("dropNext", Set.of("method", "count")),
            Map.entry("dropNextAfterProcessing", Set.of("method", "count")),
            Map.entry("numbersAsStrings", Set.of("enabled")),
            Map.entry("hugeLog", Set.of("chars")),
            Map.entry("unknownStatus", Set.of("value", "seconds")),
            Map.entry("outcomeNext", Set.of("outcome", "count", "seconds")),
            Map.entry("clear", Set.of()));

    private FaultCommand() {
    }

    /**
     * @return what was set, e.g. {@code "failNext set for job my-corp/deploy"}
     * @throws IllegalArgumentException with the sentence of the 400 answer: unknown fault or key, missing value,
     *     unknown job or run, or a value {@link Faults} refuses
     */
    static String apply(JsonNode command, Catalog catalog, Faults global) {
        if (command == null || !command.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object, e.g. {\"fault\": \"failNext\", \"method\": \"GET\", \"status\": 502}");
        }
        String fault = command.path("fault").asText("");
        Set<String> keys = KEYS.get(fault);
        if (keys == null) {
            throw new IllegalArgumentException("Unknown fault '" + fault + "': use one of " + new TreeSet<>(KEYS.keySet()));
        }
        for (Iterator<String> names = command.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SCOPE_KEYS.contains(name) && !keys.contains(name)) {
                throw new IllegalArgumentException("Unknown key '" + name + "' for fault '" + fault + "' (known: "
                        + new TreeSet<>(keys) + " and the scope: project and job, or run)");
            }
        }
        String where;
        Faults scope;
        if (command.has("run")) {
            String run = command.get("run").asText();
            scope = catalog.runFaults(run);
            where = "run " + run;
        } else if (command.has("project") || command.has("job")) {
            String project = command.path("project").asText("");
            String job = command.path("job").asText("");
            scope = catalog.job(project, job).map(Catalog.Job::faults).orElseThrow(() -> new IllegalArgumentException(
                    "No job '" + job + "' in project '" + project + "': a job scope names both, e.g. {\"project\": \"my-corp\", \"job\": \"deploy\"}"));
            where = "job " + project + "/" + job;
        } else {
            scope = global;
            where = "every request";
        }
        set(scope, fault, command, command.has("run"));
        return fault + " set for " + where;
    }

    private static void set(Faults scope, String fault, JsonNode c, boolean runScope) {
        String method = c.has("method") ? c.get("method").asText() : null;
        switch (fault) {
            case "latency" -> scope.latency(Duration.ofMillis(number(c, "millis", null)));
            case "failNext" -> scope.failNext(method, number(c, "count", 1), number(c, "status", null));
            case "failNextAfterProcessing" -> scope.failNextAfterProcessing(method, number(c, "count", 1), number(c, "status", null));
            case "failShare" -> scope.failShare(method, c.path("share").asDouble(-1), number(c, "status", null), number(c, "seed", 0));
            case "rateLimitNext" -> scope.rateLimitNext(method, number(c, "count", 1),
                    c.has("retryAfterSeconds") ? Duration.ofSeconds(number(c, "retryAfterSeconds", null)) : null);
            case "dropNext" -> scope.dropNext(method, number(c, "count", 1));
            case "dropNextAfterProcessing" -> scope.dropNextAfterProcessing(method, number(c, "count", 1));
            case "numbersAsStrings" -> scope.numbersAsStrings(c.path("enabled").asBoolean(true));
            case "hugeLog" -> scope.hugeLog(number(c, "chars", null));
            case "unknownStatus" -> scope.unknownStatus(c.has("value") ? c.get("value").asText() : null,
                    Duration.ofSeconds(number(c, "seconds", 0)));
            case "outcomeNext" -> {
                if (runScope) {
                    throw new IllegalArgumentException("outcomeNext applies to the next runs of a job or of every job, not to a run that exists");
                }
                scope.outcomeNext(Outcome.of(c.path("outcome").asText("")), c.has("seconds") ? seconds(c.get("seconds")) : null,
                        number(c, "count", 1));
            }
            default -> scope.clear();
        }
    }

    /** @return a running time given in seconds, decimals allowed (to the millisecond) */
    private static Duration seconds(JsonNode value) {
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > MAX_RUNNING_SECONDS) {
            throw new IllegalArgumentException("'seconds' must be a number of seconds from 0 to 31622400, not " + value);
        }
        return Duration.ofMillis(Math.round(value.doubleValue() * 1000));
    }

    private static int number(JsonNode command, String key, Integer otherwise) {
        JsonNode value = command.get(key);
        if (value == null && otherwise != null) {
            return otherwise;
        }
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number"
                    + (value == null ? " and is required for this fault" : ", not " + value));
        }
        return value.intValue();
    }
}
