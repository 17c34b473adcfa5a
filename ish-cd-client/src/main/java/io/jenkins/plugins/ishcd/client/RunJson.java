package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON shapes of the Ish CD API. Tolerant in what it reads: numbers may arrive as JSON
 * numbers or strings (the API page shows both), unknown fields are ignored, absent ones are empty.
 * Strict in what it writes: {@code {"env": {"NAME": "value"}}}.
 */
final class RunJson {
    /**
     * Jackson's default caps one string at 20,000,000 characters, which a run's log may exceed: the
     * byte limit on the whole answer ({@link LimitedBody}) is the bound that matters, so strings are
     * not capped again. Numbers and nesting keep Jackson's defaults (1,000 digits, 1,000 levels).
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());
    private static final Logger LOGGER = Logger.getLogger(RunJson.class.getName());
    /** 9999-12-31T23:59:59Z: beyond it a "time" or "duration" is garbage, not a value. */
    private static final long MAX_EPOCH_SECOND = 253402300799L;
    /** Longer than any id a server would make; such an answer is garbage, not a run. */
    static final int MAX_ID = 1024;
    private static final int MAX_STATUS = 64;
    /**
     * The longest number sent as a string that is parsed: {@link BigDecimal} takes time that grows
     * faster than the length, and every valid value (up to {@value #MAX_EPOCH_SECOND}, with decimals
     * or an exponent) is far shorter.
     */
    static final int MAX_NUMBER_TEXT = 40;

    private RunJson() {}

    /** @return the body of a trigger request: {@code {}} or {@code {"env": {...}}} */
    static String requestBody(RunRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        if (!request.env().isEmpty()) {
            ObjectNode env = root.putObject("env");
            for (Map.Entry<String, String> e : request.env().entrySet()) {
                env.put(e.getKey(), e.getValue());
            }
        }
        return root.toString();
    }

    /**
     * @param node a run object
     * @return the run
     * @throws IllegalArgumentException naming the field when the object is not a run
     */
    static Run run(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the answer is not a JSON object");
        }
        // The id is what matters most: once a trigger's answer has one, nothing else may lose it. It is
        // kept exactly as sent, because the next poll asks for it; messages show it sanitized.
        String id = text(node, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("the answer has no run id");
        }
        if (id.length() > MAX_ID) {
            throw new IllegalArgumentException("the run id is longer than " + MAX_ID + " characters");
        }
        Long created = number(node, "created", MAX_EPOCH_SECOND);
        Long changed = number(node, "changed", MAX_EPOCH_SECOND);
        Long duration = number(node, "duration", MAX_EPOCH_SECOND);
        return new Run(
                id,
                Sanitize.field(text(node, "status"), MAX_STATUS),
                duration == null ? 0 : duration,
                created == null ? null : Instant.ofEpochSecond(created),
                changed == null ? null : Instant.ofEpochSecond(changed),
                text(node, "log"));
    }

    static List<Run> runs(JsonNode node) {
        List<Run> runs = new ArrayList<>();
        for (JsonNode n : items(node)) {
            runs.add(run(n));
        }
        return runs;
    }

    static Project project(JsonNode node) {
        requireObject(node);
        return new Project(text(node, "id"), name(node), label(node));
    }

    static List<Project> projects(JsonNode node) {
        List<Project> list = new ArrayList<>();
        for (JsonNode n : items(node)) {
            list.add(project(n));
        }
        return list;
    }

    static Job job(JsonNode node) {
        requireObject(node);
        return new Job(text(node, "id"), name(node), label(node));
    }

    static List<Job> jobs(JsonNode node) {
        List<Job> list = new ArrayList<>();
        for (JsonNode n : items(node)) {
            list.add(job(n));
        }
        return list;
    }

    /** A list answer: a JSON array, or an object holding one (as Drupal views often wrap it). */
    private static Iterable<JsonNode> items(JsonNode node) {
        if (node != null && node.isArray()) {
            return node;
        }
        if (node != null && node.isObject()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                JsonNode v = it.next();
                if (v.isArray()) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("the answer is not a JSON list");
    }

    private static void requireObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the answer is not a JSON object");
        }
    }

    private static String name(JsonNode node) {
        String n = text(node, "machine_name");
        return n.isEmpty() ? text(node, "name") : n;
    }

    private static String label(JsonNode node) {
        String l = text(node, "label");
        return l.isEmpty() ? text(node, "title") : l;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    /**
     * A whole number sent as a JSON number or string ({@code 26}, {@code "26"}, {@code 26.0}).
     * Informational fields must not fail a run: a value that is unreadable, negative, above
     * {@code max} or a string over {@value #MAX_NUMBER_TEXT} characters is logged and read as absent (null).
     */
    private static Long number(JsonNode node, String field, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        String text = v.isNumber() ? null : v.asText().trim();
        if (text != null && text.length() > MAX_NUMBER_TEXT) {
            LOGGER.log(Level.FINE, "Ignoring the run field {0}: a string of {1} characters is not a number",
                    new Object[] {field, text.length()});
            return null;
        }
        try {
            BigDecimal d = text == null ? v.decimalValue() : new BigDecimal(text);
            if (d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return d.longValue();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through: not a number
        }
        LOGGER.log(Level.FINE, "Ignoring the run field {0}: not a whole number from 0 to {1}", new Object[] {field, max});
        return null;
    }
}
