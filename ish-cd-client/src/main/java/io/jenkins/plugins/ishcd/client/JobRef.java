package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.util.Objects;

/**
 * A job of an Ish CD project: the pair that addresses {@code /projects/{project}/jobs/{job}}.
 *
 * <p>Per the Ish CD API, each part is either the machine name (editable) or the ID (fixed).
 * Both are kept as given, trimmed; percent-encoding happens when a URL is built.
 */
public final class JobRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String project;
    private final String job;

    private JobRef(String project, String job) {
        this.project = project;
        this.job = job;
    }

    /**
     * Creates a job reference.
     *
     * @param project the project's machine name or ID
     * @param job the job's machine name or ID
     * @return the reference, with both parts trimmed
     * @throws IllegalArgumentException if either part is null or blank, or holds a line break or another
     *     control character (no machine name or ID does; in a message it would break the line)
     */
    @NonNull
    public static JobRef of(String project, String job) {
        return new JobRef(required(project, "project"), required(job, "job"));
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Ish CD " + what + " is empty: give the " + what
                    + "'s machine name or ID.");
        }
        String trimmed = value.trim();
        if (Sanitize.hasControl(trimmed)) {
            throw new IllegalArgumentException("The Ish CD " + what + " '" + Sanitize.field(trimmed, 100)
                    + "' contains a line break or another control character (shown as ?): give the " + what
                    + "'s machine name or ID on its own.");
        }
        return trimmed;
    }

    /** @return the project's machine name or ID, as given */
    @NonNull
    public String project() {
        return project;
    }

    /** @return the job's machine name or ID, as given */
    @NonNull
    public String job() {
        return job;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobRef && ((JobRef) o).project.equals(project) && ((JobRef) o).job.equals(job);
    }

    @Override
    public int hashCode() {
        return Objects.hash(project, job);
    }

    /** @return {@code project/job}, the form every message uses */
    @Override
    public String toString() {
        return project + "/" + job;
    }
}
