package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/** Short human forms of durations, for messages: {@code 850 ms}, {@code 26 s}, {@code 4 min 3 s}, {@code 1 h 2 min}, {@code 2 d 5 h}. */
public final class Durations {
    private Durations() {}

    /**
     * @param d a duration, not negative
     * @return the duration in the largest two units that matter
     */
    @NonNull
    public static String format(@NonNull Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 && ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86400) {
            long min = (s % 3600) / 60;
            return s / 3600 + " h" + (min == 0 ? "" : " " + min + " min");
        }
        long h = (s % 86400) / 3600;
        return s / 86400 + " d" + (h == 0 ? "" : " " + h + " h");
    }
}
