package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON form of {@link JobDurations}, least recently used job first:
 *
 * <pre>{@code
 * {"format":"ish-cd-job-durations","version":1,"jobs":[
 *   {"baseUrl":"https://api.ish-cd.com/v1","project":"my-corp","job":"deploy","durations":[61,63,60]}]}
 * }</pre>
 *
 * Reading is all or nothing: one thing out of place (not JSON, truncated, another version, a wrong
 * type, a number out of range, a base URL that is not one) and nothing is kept, because a history
 * that is partly wrong times polls worse than none.
 */
final class JobDurationsJson {
    private static final Logger LOGGER = Logger.getLogger(JobDurations.class.getName());
    static final String FORMAT = "ish-cd-job-durations";
    static final int VERSION = 1;
    /** Far above what the default bounds write (about 200 KB): a bigger text is not this file. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private JobDurationsJson() {}

    static String write(List<Map.Entry<DurationKey, long[]>> entries) {
        ObjectNode root = RunJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode jobs = root.putArray("jobs");
        for (Map.Entry<DurationKey, long[]> e : entries) {
            ObjectNode job = jobs.addObject();
            job.put("baseUrl", e.getKey().baseUrl());
            job.put("project", e.getKey().project());
            job.put("job", e.getKey().job());
            ArrayNode durations = job.putArray("durations");
            for (long d : e.getValue()) {
                durations.add(d);
            }
        }
        return root.toString();
    }

    /** @return the jobs in the document, in its order; none, after one sentence to {@code problems}, if it is unfit */
    static List<Map.Entry<DurationKey, long[]>> read(String json, String source, Consumer<String> problems) {
        try {
            return parse(json);
        } catch (Unfit e) {
            problems.accept("The Ish CD job durations in " + shown(source) + " cannot be used ("
                    + e.getMessage() + "); starting without them, so polls follow the back-off until runs are"
                    + " seen to complete again.");
            return List.of();
        }
    }

    /** @return the text on one line, at most 200 characters */
    private static String shown(String text) {
        return Sanitize.oneLine(Sanitize.field(String.valueOf(text), 200));
    }

    static void log(String sentence) {
        LOGGER.log(Level.WARNING, sentence);
    }

    private static List<Map.Entry<DurationKey, long[]>> parse(String json) throws Unfit {
        if (json == null || json.isBlank()) {
            throw new Unfit("it is empty");
        }
        if (json.length() > MAX_CHARS) {
            throw new Unfit("it is larger than 4 MiB");
        }
        JsonNode root;
        try {
            root = RunJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Unfit("not JSON, or cut short: " + shown(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new Unfit("not a job durations document");
        }
        if (!root.path("version").isInt() || root.path("version").intValue() != VERSION) {
            throw new Unfit("version " + shown(root.path("version").toString()) + " where this client reads "
                    + VERSION);
        }
        JsonNode jobs = root.path("jobs");
        if (!jobs.isArray()) {
            throw new Unfit("'jobs' is not a list");
        }
        List<Map.Entry<DurationKey, long[]>> entries = new ArrayList<>();
        for (JsonNode job : jobs) {
            DurationKey key = DurationKey.of(text(job, "baseUrl"), text(job, "project"), text(job, "job"));
            if (key == null) {
                throw new Unfit("job " + (entries.size() + 1) + " has no usable base URL, project or job");
            }
            entries.add(new AbstractMap.SimpleImmutableEntry<>(key, durations(job.path("durations"), entries.size() + 1)));
        }
        return entries;
    }

    private static String text(JsonNode job, String field) {
        JsonNode node = job.path(field);
        return node.isTextual() ? node.textValue() : null;
    }

    private static long[] durations(JsonNode list, int job) throws Unfit {
        if (!list.isArray() || list.isEmpty()) {
            throw new Unfit("job " + job + " has no list of durations");
        }
        long[] durations = new long[list.size()];
        for (int i = 0; i < durations.length; i++) {
            JsonNode d = list.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0
                    || d.longValue() > ExpectedDuration.MAX_SECONDS) {
                throw new Unfit("job " + job + " has a duration that is not a whole number of seconds from 0 to "
                        + ExpectedDuration.MAX_SECONDS);
            }
            durations[i] = d.longValue();
        }
        return durations;
    }

    /** Why a document is unfit, as a phrase. */
    private static final class Unfit extends Exception {
        private static final long serialVersionUID = 1L;

        Unfit(String reason) {
            super(reason, null, false, false);
        }
    }
}
