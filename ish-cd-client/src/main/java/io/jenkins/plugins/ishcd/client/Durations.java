package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short human forms of durations: {@link #format} for messages ({@code 850 ms}, {@code 4.5 s}, {@code 26 s},
 * {@code 1 min 1 s} for 60.5 s, {@code 4 min 3 s}, {@code 1 h 2 min}, {@code 2 d 5 h}), {@link #parse} for
 * what people type (the command line's options, the build steps' {@code expectedDuration}).
 */
public final class Durations {
    // Units from largest to smallest, each at most once; "m" must not swallow the "m" of "ms".
    private static final Pattern SHORT =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {}

    /**
     * Reads the short forms people type ({@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 500ms},
     * {@code 2d}; case and surrounding blanks do not matter) and ISO-8601 ({@code PT5M}).
     *
     * @param text e.g. {@code 90s}, {@code 1h30m}, {@code PT5M}
     * @return the duration, positive
     * @throws IllegalArgumentException with one sentence saying what is accepted, for text that is not a
     *     duration, is zero or negative, or overflows
     */
    @NonNull
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration d = t.startsWith("p") ? iso(t, text) : shortForm(t, text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration: give more than zero,"
                    + " for example 10s.");
        }
        return d;
    }

    private static Duration iso(String t, String original) {
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw notADuration(original);
        }
    }

    private static Duration shortForm(String t, String original) {
        Matcher m = SHORT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw notADuration(original);
        }
        try {
            return Duration.ofDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)))
                    .plusMillis(number(m.group(5)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + original + "' is too long a duration.");
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static IllegalArgumentException notADuration(String original) {
        String hint = original != null && original.trim().matches("\\d+") ? " (a number needs a unit)" : "";
        return new IllegalArgumentException("'" + original + "' is not a duration" + hint
                + ": write it like 90s, 5m, 1h30m, 500ms or PT5M.");
    }

    /**
     * @param d a duration, not negative
     * @return below a second, milliseconds; below a minute, seconds to a tenth; from a minute on, the
     *     largest two units that matter, the smaller one rounded to the nearest (never cut, so 60.5 s
     *     is not shown as 1 min)
     */
    @NonNull
    public static String format(@NonNull Duration d) {
        long whole = d.getSeconds();
        int nanos = d.getNano();
        if (whole == 0 && nanos >= 1_000_000) {
            return nanos / 1_000_000 + " ms";
        }
        long tenths = whole * 10 + (nanos + 50_000_000) / 100_000_000;
        if (tenths < 600) {
            return tenths / 10 + (tenths % 10 == 0 ? "" : "." + tenths % 10) + " s";
        }
        long s = whole + (nanos >= 500_000_000 ? 1 : 0);
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long m = (s + 30) / 60;
        if (m < 24 * 60) {
            return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        long h = (s + 1800) / 3600;
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }
}
