package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/**
 * Short human forms of durations, for messages: {@code 850 ms}, {@code 4.5 s}, {@code 26 s}, {@code 1 min 1 s}
 * (for 60.5 s), {@code 4 min 3 s}, {@code 1 h 2 min}, {@code 2 d 5 h}.
 */
public final class Durations {
    private Durations() {}

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
