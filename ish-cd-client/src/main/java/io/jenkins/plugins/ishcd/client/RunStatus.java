package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Locale;

/**
 * The status of a run. Per the Ish CD API it moves {@code queued -> running -> complete} or
 * {@code error}. Any other value the server sends maps to {@link #UNKNOWN}; {@link Run#rawStatus()}
 * keeps the text.
 */
public enum RunStatus {
    QUEUED("queued"),
    RUNNING("running"),
    COMPLETE("complete"),
    ERROR("error"),
    UNKNOWN("unknown");

    private final String wireName;

    RunStatus(String wireName) {
        this.wireName = wireName;
    }

    /** @return the word the API uses, e.g. {@code complete} */
    @NonNull
    public String wireName() {
        return wireName;
    }

    /** @return whether the run has ended, in {@code complete} or {@code error} */
    public boolean isFinished() {
        return this == COMPLETE || this == ERROR;
    }

    /**
     * @param value the {@code status} field as sent, may be null
     * @return the matching status, case-insensitively; {@link #UNKNOWN} for anything else
     */
    @NonNull
    public static RunStatus fromWire(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (RunStatus s : values()) {
                if (s != UNKNOWN && s.wireName.equals(v)) {
                    return s;
                }
            }
        }
        return UNKNOWN;
    }
}
