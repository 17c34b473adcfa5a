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
import java.util.Map;
import java.util.Set;

/**
 * An emulator configuration file, YAML or JSON:
 * <pre>
 * threads: 8                         # optional: request threads (default 200)
 * idle_timeout_seconds: 5            # optional: close keep-alive connections idle this long (default: never)
 * journal_limit: 1000                # optional: requests journalled in full (default 10000)
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
 *         dependencies:              # optional: the variables the job declares, as the API shows them
 *           env: {BRANCH: required, TAG: optional}
 * </pre>
 * Unknown keys are refused, so that a misspelt setting is not silently ignored.
 *
 * @param projects the projects it defines
 * @param threads request threads, or {@code null} when not set
 * @param idleTimeout the keep-alive idle timeout, or {@code null} when not set
 * @param journalLimit requests journalled in full, or {@code null} when not set
 */
record EmulatorConfig(List<ProjectSpec.Builder> projects, Integer threads, Duration idleTimeout, Integer journalLimit) {

    private static final Set<String> TOP_KEYS = Set.of("projects", "threads", "idle_timeout_seconds", "journal_limit");
    private static final Set<String> PROJECT_KEYS = Set.of("machine_name", "id", "label", "jobs");
    private static final Set<String> JOB_KEYS = Set.of("machine_name", "id", "label", "queued_seconds", "running_seconds",
            "outcome", "log", "dependencies");

    /**
     * @param in the file's content
     * @param source the file's name, for error messages
     * @throws IllegalArgumentException naming the file and the problem when the content is not a valid configuration
     */
    static EmulatorConfig read(InputStream in, String source) throws IOException {
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
        check(root, TOP_KEYS, source);
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
                project.job(text(j, "machine_name", source), job -> job(job, j, source));
            }
            projects.add(project);
        }
        return new EmulatorConfig(projects, whole(root, "threads", 1, source),
                root.has("idle_timeout_seconds") ? seconds(root, "idle_timeout_seconds", source) : null,
                whole(root, "journal_limit", 0, source));
    }

    private static void job(JobSpec.Builder job, JsonNode j, String source) {
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
        if (j.has("dependencies")) {
            JsonNode dependencies = j.get("dependencies");
            check(dependencies, Set.of("env"), source);
            check(dependencies.path("env"), Set.of(), source, true);
            for (Map.Entry<String, JsonNode> variable : dependencies.path("env").properties()) {
                switch (variable.getValue().asText()) {
                    case JobSpec.REQUIRED -> job.requiredEnv(variable.getKey());
                    case JobSpec.OPTIONAL -> job.optionalEnv(variable.getKey());
                    default -> throw new IllegalArgumentException(source + ": env variable '" + variable.getKey()
                            + "' must be 'required' or 'optional', not " + variable.getValue());
                }
            }
        }
    }

    private static void check(JsonNode node, Set<String> allowed, String source) {
        check(node, allowed, source, false);
    }

    private static void check(JsonNode node, Set<String> allowed, String source, boolean anyKey) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": expected an object, found " + node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext() && !anyKey; ) {
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

    private static Integer whole(JsonNode node, String key, int min, String source) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be a whole number of " + min + " or more, not " + value);
        }
        return value.intValue();
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
