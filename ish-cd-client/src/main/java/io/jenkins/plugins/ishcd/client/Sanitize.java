package io.jenkins.plugins.ishcd.client;

import java.util.regex.Pattern;

/**
 * Makes server-sent text safe to put in one of our sentences: a broken or hostile server must not
 * be able to move the cursor, clear a terminal or fake a line of output with control characters.
 * A run's log is not passed through here: it is the job's own output and is shown as it is.
 */
final class Sanitize {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Sanitize() {}

    /**
     * @param text any text, may be null
     * @param max the longest result, in characters
     * @return the text with control and format characters replaced by {@code ?}, cut to {@code max}
     */
    static String field(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = CONTROL.matcher(text).replaceAll("?").replace('\n', '?').replace('\t', ' ');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    /** @return the text on one line: control characters replaced, runs of white space folded, trimmed */
    static String oneLine(String text) {
        return SPACE.matcher(CONTROL.matcher(text).replaceAll("?")).replaceAll(" ").trim();
    }
}
