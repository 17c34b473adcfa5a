package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads the durations of {@code --timeout}, {@code --poll-initial} and {@code --poll-max}: the short
 * forms people type ({@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 500ms}, {@code 2d}) and
 * ISO-8601 ({@code PT5M}). Every one must be positive: none of these options has a use for zero.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    // Units from largest to smallest, each at most once; "m" must not swallow the "m" of "ms".
    private static final Pattern SHORT =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    /**
     * @param text e.g. {@code 90s}, {@code 1h30m}, {@code PT5M}
     * @return the duration
     * @throws CommandLine.TypeConversionException with one sentence saying what is accepted
     */
    @Override
    public Duration convert(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * @param text e.g. {@code 90s}, {@code 1h30m}, {@code PT5M}
     * @return the duration, positive
     * @throws IllegalArgumentException with one sentence saying what is accepted
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
}
