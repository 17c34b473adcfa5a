package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Locale;

/**
 * A run's log cut to a size fit for a console: the last {@code maxChars} characters are kept,
 * because a failing command prints its reason last.
 */
public final class LogCap {
    private final String text;
    private final int omittedChars;

    private LogCap(String text, int omittedChars) {
        this.text = text;
        this.omittedChars = omittedChars;
    }

    /**
     * @param log the whole log
     * @param maxChars how many characters to keep, at least 0
     * @return the capped log
     * @throws IllegalArgumentException if {@code maxChars} is negative
     */
    @NonNull
    public static LogCap of(@NonNull String log, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("The log size limit cannot be negative.");
        }
        if (log.length() <= maxChars) {
            return new LogCap(log, 0);
        }
        int start = log.length() - maxChars;
        if (start < log.length() && Character.isLowSurrogate(log.charAt(start))) {
            start++; // never split a character outside the Basic Multilingual Plane
        }
        return new LogCap(log.substring(start), start);
    }

    /** @return the kept part: the whole log, or its end */
    @NonNull
    public String text() {
        return text;
    }

    /** @return whether anything was left out */
    public boolean truncated() {
        return omittedChars > 0;
    }

    /** @return how many characters were left out from the start */
    public int omittedChars() {
        return omittedChars;
    }

    /**
     * @param whereWholeLogIs where a reader finds the whole log, e.g. "in the build's Ish CD runs page"
     * @return a one-line notice, or {@code ""} when nothing was left out
     */
    @NonNull
    public String notice(@NonNull String whereWholeLogIs) {
        return truncated()
                ? "[The first " + String.format(Locale.ROOT, "%,d", omittedChars) + " characters of the log are not shown here;"
                        + " the whole log is " + whereWholeLogIs + ".]"
                : "";
    }
}
