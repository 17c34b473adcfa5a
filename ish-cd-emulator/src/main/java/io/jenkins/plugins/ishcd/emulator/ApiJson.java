package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON the emulator reads and writes, with the API's field names. */
final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    /** The one account every token of the emulator belongs to. */
    static final String ACCOUNT_NAME = "emulator";

    /**
     * @return {@code {"id": ..., "machine_name": ..., "name": ..., "label": ...}}: the seed's and this project's
     *     client read {@code machine_name}, the official JavaScript client's docs and Hubot script {@code name}
     */
    static ObjectNode project(ProjectSpec project) {
        return named(project.id(), project.machineName(), project.label());
    }

    /**
     * @return like {@link #project}, and {@code "dependencies": {"env": {"NAME": "required" or "optional"}}} when
     *     the job declares variables (left out otherwise: the Hubot script would ask for a variable "undefined")
     */
    static ObjectNode job(JobSpec job) {
        ObjectNode node = named(job.id(), job.machineName(), job.label());
        if (!job.envDependencies().isEmpty()) {
            ObjectNode env = node.putObject("dependencies").putObject("env");
            job.envDependencies().forEach(env::put);
        }
        return node;
    }

    /** @return {@code {"id": ..., "name": "emulator", "label": ...}}: the account of {@code GET /account} */
    static ObjectNode account() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", java.util.UUID.nameUUIDFromBytes(("account/" + ACCOUNT_NAME).getBytes(StandardCharsets.UTF_8)).toString());
        node.put("name", ACCOUNT_NAME);
        node.put("label", "Emulator account");
        return node;
    }

    /**
     * @param asStrings send {@code duration}, {@code created}, {@code changed} as strings, as the seed's second example
     * @param hugeLogChars pad a finished run's log to at least this many characters (0: as it is)
     * @return the run object of the seed: {@code id, status, duration, created, changed[, log]}
     */
    static ObjectNode run(RunState state, boolean asStrings, int hugeLogChars) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", state.id());
        node.put("status", state.status());
        number(node, "duration", state.duration(), asStrings);
        number(node, "created", state.created(), asStrings);
        number(node, "changed", state.changed(), asStrings);
        String log = state.finished() && hugeLogChars > 0 ? pad(state.log(), hugeLogChars) : state.log();
        if (log != null) {
            node.put("log", log);
        }
        return node;
    }

    /** @return {@code {"message": ...}}, the emulator's error body */
    static byte[] message(String text) {
        return bytes(MAPPER.createObjectNode().put("message", text));
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /**
     * Reads a trigger body: empty, {@code {}} or {@code {"env": {"NAME": "value", ...}}}.
     *
     * @return the env, in the order sent
     * @throws IllegalArgumentException with a message for the 400 answer when the body has another shape
     */
    static Map<String, String> env(byte[] body) {
        Map<String, String> env = new LinkedHashMap<>();
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return env;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The request body must be a JSON object like {\"env\": {\"NAME\": \"value\"}}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!"env".equals(name)) {
                throw new IllegalArgumentException("Unknown field '" + name + "' in the request body: only 'env' is accepted");
            }
        }
        JsonNode envNode = root.get("env");
        if (envNode == null) {
            return env;
        }
        if (!envNode.isObject()) {
            throw new IllegalArgumentException("'env' must be an object of variable names to string values");
        }
        for (Map.Entry<String, JsonNode> field : envNode.properties()) {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("The value of env variable '" + field.getKey() + "' must be a string");
            }
            env.put(field.getKey(), field.getValue().asText());
        }
        return env;
    }

    private static ObjectNode named(String id, String machineName, String label) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("machine_name", machineName);
        node.put("name", machineName);
        node.put("label", label);
        return node;
    }

    private static void number(ObjectNode node, String name, long value, boolean asString) {
        if (asString) {
            node.put(name, Long.toString(value));
        } else {
            node.put(name, value);
        }
    }

    private static String pad(String log, int minChars) {
        StringBuilder out = new StringBuilder(minChars + 64).append(log == null ? "" : log);
        for (int line = 1; out.length() < minChars; line++) {
            out.append(" [notice] filler line ").append(line).append(" of a huge log\n");
        }
        return out.toString();
    }
}
