package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short, single-line excerpt of an error answer's body for messages: the {@code message} (or
 * {@code error}) field of a JSON body, or the text of an HTML page without its markup and with its
 * character references decoded, on one line (line breaks, carriage returns and other control
 * characters become spaces), cut to
 * {@value #MAX} characters, so a gateway's error page cannot flood a console. Only the first
 * {@value #SCAN} characters are looked at, in one linear pass: this runs on threads shared by
 * every wait, and a hostile page must not cost them time.
 */
final class BodyExcerpt {
    static final int MAX = 200;
    static final int SCAN = 16 * 1024;
    private static final String[] SKIPPED = {"script", "style", "head"};
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");

    private BodyExcerpt() {}

    /**
     * @param body the body as text, may be null
     * @return the excerpt, {@code ""} for an empty body; no control characters
     */
    static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String head = body.length() > SCAN ? body.substring(0, SCAN) : body;
        String text = fromJson(head);
        if (text == null) {
            text = decode(stripTags(head));
        }
        text = Sanitize.oneLine(text);
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }

    /** Decodes numeric references and the named ones error pages use; any other is left as it is. */
    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.charAt(0) == '#') {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int code = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
                value = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "?";
            } else {
                switch (name) {
                    case "nbsp": value = " "; break;
                    case "lt": value = "<"; break;
                    case "gt": value = ">"; break;
                    case "amp": value = "&"; break;
                    case "quot": value = "\""; break;
                    case "apos": value = "'"; break;
                    default: value = m.group(); break;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** Drops tags, and the content of script, style and head elements, in one pass. */
    static String stripTags(String html) {
        StringBuilder out = new StringBuilder(Math.min(html.length(), 4 * MAX));
        int i = 0;
        while (i < html.length() && out.length() < 4 * MAX) {
            char c = html.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            int end = html.indexOf('>', i);
            if (end < 0) {
                break; // an unclosed tag: nothing readable follows
            }
            String skipTo = null;
            for (String name : SKIPPED) {
                int after = i + 1 + name.length();
                if (html.regionMatches(true, i + 1, name, 0, name.length())
                        && (after >= html.length() || !Character.isLetterOrDigit(html.charAt(after)))) {
                    skipTo = "</" + name;
                }
            }
            if (skipTo != null) {
                int close = indexOfIgnoreCase(html, skipTo, end);
                end = close < 0 ? -1 : html.indexOf('>', close);
                if (end < 0) {
                    break;
                }
            }
            out.append(' ');
            i = end + 1;
        }
        return out.toString();
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int at = text.indexOf('<', from); at >= 0; at = text.indexOf('<', at + 1)) {
            if (text.regionMatches(true, at, needle, 0, needle.length())) {
                return at;
            }
        }
        return -1;
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
            return null; // not JSON after all (or cut): read it as text
        }
    }
}
