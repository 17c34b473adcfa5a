package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * A short, single-line excerpt of an error answer's body for messages: the {@code message} (or
 * {@code error}) field of a JSON body, or the text of an HTML page without its markup, cut to
 * {@value #MAX} characters, so a gateway's error page cannot flood a console.
 */
final class BodyExcerpt {
    static final int MAX = 200;
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private BodyExcerpt() {}

    /**
     * @param body the body as text, may be null
     * @return the excerpt, {@code ""} for an empty body
     */
    static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = fromJson(body);
        if (text == null) {
            text = TAG.matcher(SCRIPT.matcher(body).replaceAll(" ")).replaceAll(" ");
            text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
        text = SPACE.matcher(text).replaceAll(" ").trim();
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }

    private static String fromJson(String body) {
        String t = body.trim();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = RunJson.MAPPER.readTree(t);
            for (String field : new String[] {"message", "error", "detail", "title"}) {
                JsonNode v = node.get(field);
                if (v != null && v.isValueNode()) {
                    return v.asText();
                }
            }
            return t;
        } catch (Exception e) {
            return null;
        }
    }
}
