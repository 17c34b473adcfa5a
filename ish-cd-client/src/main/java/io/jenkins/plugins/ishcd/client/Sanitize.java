package io.jenkins.plugins.ishcd.client;

import java.util.regex.Pattern;

/**
 * Makes server-sent text safe to put in one of our sentences: a broken or hostile server must not
 * be able to move the cursor, clear a terminal or fake a line of output with control characters.
 * A run's log is not passed through here: it is the job's own output and is shown as it is.
 *
 * <p>Only for display: a value that goes back to the server (a run id in the next poll's URL) is
 * kept as the server sent it.
 */
final class Sanitize {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Sanitize() {}

    /**
     * @param text any text, may be null
     * @param max the longest result, in characters, at least 2
     * @return the text with control and format characters (line breaks and tabs included) replaced by
     *     {@code ?}, cut to {@code max} with a trailing {@code …}
     */
    static String field(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = CONTROL.matcher(text).replaceAll("?");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    /** @return whether the text holds a control or format character (a line break, an escape, ...) */
    static boolean hasControl(String text) {
        return text != null && CONTROL.matcher(text).find();
    }

    /**
     * @param text any text
     * @return the text on one line: control characters (line breaks, carriage returns, escapes) become
     *     spaces, runs of white space fold into one, and the ends are trimmed
     */
    static String oneLine(String text) {
        return SPACE.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").trim();
    }
}
