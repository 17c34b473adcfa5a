package io.jenkins.plugins.ishcd.client;

import java.util.Locale;

/**
 * The rules of the limits an administrator sets for every run of one Jenkins (or tool): polling
 * intervals, how much of a log the console shows, and the request budget per base URL. Each method
 * returns the value it accepts, or throws {@link IllegalArgumentException} with one sentence naming
 * the value and the range; a form and Configuration as Code use the same ones, so they refuse alike.
 */
public final class AdminLimits {
    /** The shortest polling interval an administrator may allow, in seconds. */
    public static final int MIN_POLL_SECONDS = 1;
    /** The longest polling interval, in seconds: {@link WaitOptions#MAX_INTERVAL}. */
    public static final int MAX_POLL_SECONDS = (int) WaitOptions.MAX_INTERVAL.getSeconds();
    /** The fewest characters of a run's log the console may be limited to. */
    public static final int MIN_LOG_CAP_CHARS = 1_000;

    private AdminLimits() {}

    /** @param seconds the first interval between polls @return it, if 1 to 3600 */
    public static int firstPollSeconds(int seconds) {
        return poll("first", seconds);
    }

    /** @param seconds the longest interval between polls @return it, if 1 to 3600 */
    public static int longestPollSeconds(int seconds) {
        return poll("longest", seconds);
    }

    /**
     * A longest interval below the first one is raised to the first (both ways of configuring agree).
     *
     * @param first the first interval in seconds @param longest the longest one
     * @return a warning sentence, or null when {@code longest >= first}
     */
    public static String longestBelowFirst(int first, int longest) {
        return longest >= first ? null : "The longest interval between polls (" + longest + " s) is shorter than the"
                + " first one (" + first + " s): polls will use " + first + " s for both.";
    }

    /** @param chars how many characters of a run's log the console shows @return it, if at least 1000 */
    public static int logCapChars(int chars) {
        if (chars < MIN_LOG_CAP_CHARS) {
            throw new IllegalArgumentException("Show at least " + String.format(Locale.ROOT, "%,d", MIN_LOG_CAP_CHARS)
                    + " characters of a run's log in the console, not " + chars + ".");
        }
        return chars;
    }

    /** @param perSecond the request budget per base URL @return it; see {@link RequestLimits#of} */
    public static int requestsPerSecond(int perSecond) {
        return RequestLimits.of(perSecond, RequestLimits.DEFAULT_MAX_IN_FLIGHT).requestsPerSecond();
    }

    /** @param inFlight the bound of requests in flight per base URL @return it; see {@link RequestLimits#of} */
    public static int maxInFlight(int inFlight) {
        return RequestLimits.of(RequestLimits.DEFAULT_REQUESTS_PER_SECOND, inFlight).maxInFlight();
    }

    private static int poll(String which, int seconds) {
        if (seconds < MIN_POLL_SECONDS || seconds > MAX_POLL_SECONDS) {
            throw new IllegalArgumentException("The " + which + " interval between polls must be " + MIN_POLL_SECONDS
                    + " to " + MAX_POLL_SECONDS + " seconds, not " + seconds + ".");
        }
        return seconds;
    }
}
