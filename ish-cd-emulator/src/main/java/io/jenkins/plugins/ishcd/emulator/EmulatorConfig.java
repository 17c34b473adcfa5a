package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads projects and jobs from a YAML or JSON file:
 * <pre>
 * projects:
 *   - machine_name: my-corp          # required
 *     id: 6a1c0e2e                   # optional, default derived from the machine name
 *     label: My Corp                 # optional, default the machine name
 *     jobs:
 *       - machine_name: deploy       # required
 *         id: 77                     # optional
 *         label: Deploy              # optional
 *         queued_seconds: 2          # optional, default 1; decimals allowed
 *         running_seconds: 5         # optional, default 2
 *         outcome: complete          # optional: complete (default) or error
 *         log: "deploying ${BRANCH}\n"   # optional; ${VAR} is filled from the run's env
 * </pre>
 * Unknown keys are refused, so that a misspelt setting is not silently ignored.
 */
final class EmulatorConfig {

    private static final Set<String> PROJECT_KEYS = Set.of("machine_name", "id", "label", "jobs");
    private static final Set<String> JOB_KEYS = Set.of("machine_name", "id", "label", "queued_seconds", "running_seconds", "outcome", "log");

    private EmulatorConfig() {
    }

    /**
     * @param in the file's content
     * @param source the file's name, for error messages
     * @return the projects it defines
     * @throws IllegalArgumentException naming the file and the problem when the content is not a valid configuration
     */
    static List<ProjectSpec.Builder> read(InputStream in, String source) throws IOException {
        byte[] content = in.readAllBytes();
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        JsonNode root;
        try {
            // JSON goes to the plain JSON reader: loading the YAML reader costs most of a second on a cold JVM.
            root = text.startsWith("{") ? ApiJson.MAPPER.readTree(content) : new YAMLMapper().readTree(content);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(source + " is neither YAML nor JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("projects").isArray()) {
            throw new IllegalArgumentException(source + " must hold an object with a 'projects' list");
        }
        check(root, Set.of("projects"), source);
        List<ProjectSpec.Builder> projects = new ArrayList<>();
        for (JsonNode p : root.get("projects")) {
            check(p, PROJECT_KEYS, source);
            ProjectSpec.Builder project = new ProjectSpec.Builder(text(p, "machine_name", source));
            if (p.has("id")) {
                project.id(p.get("id").asText());
            }
            if (p.has("label")) {
                project.label(p.get("label").asText());
            }
            for (JsonNode j : p.path("jobs")) {
                check(j, JOB_KEYS, source);
                project.job(text(j, "machine_name", source), job -> {
                    if (j.has("id")) {
                        job.id(j.get("id").asText());
                    }
                    if (j.has("label")) {
                        job.label(j.get("label").asText());
                    }
                    if (j.has("queued_seconds")) {
                        job.queuedFor(seconds(j, "queued_seconds", source));
                    }
                    if (j.has("running_seconds")) {
                        job.runningFor(seconds(j, "running_seconds", source));
                    }
                    if (j.has("outcome")) {
                        job.outcome(Outcome.of(j.get("outcome").asText()));
                    }
                    if (j.has("log")) {
                        job.log(j.get("log").asText());
                    }
                });
            }
            projects.add(project);
        }
        return projects;
    }

    private static void check(JsonNode node, Set<String> allowed, String source) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": expected an object, found " + node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(source + ": unknown key '" + name + "' (known: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String source) {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": '" + key + "' is required in " + node);
        }
        return value.asText();
    }

    private static Duration seconds(JsonNode node, String key, String source) {
        JsonNode value = node.get(key);
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be a number of seconds, zero or more, not " + value);
        }
        BigDecimal millis = value.decimalValue().movePointRight(3);
        return Duration.ofMillis(millis.longValue());
    }
}
