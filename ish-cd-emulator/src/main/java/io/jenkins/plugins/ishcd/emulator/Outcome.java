package io.jenkins.plugins.ishcd.emulator;

import java.util.Locale;

/** How an emulated run ends: the final {@code status} value the API reports for it. */
public enum Outcome {
    /** The run succeeded: {@code "status": "complete"}. */
    COMPLETE,
    /** The run failed: {@code "status": "error"}. */
    ERROR;

    /** @return the value of the run's {@code status} field once finished, {@code "complete"} or {@code "error"} */
    public String status() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an outcome as written in a configuration file.
     *
     * @param value {@code "complete"} or {@code "error"}, in any case
     * @throws IllegalArgumentException for any other value
     */
    public static Outcome of(String value) {
        for (Outcome outcome : values()) {
            if (outcome.status().equalsIgnoreCase(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("Unknown outcome '" + value + "': use 'complete' or 'error'");
    }
}
