package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The key of a job in {@link JobDurations}: the base URL as {@link BaseUrl#parse} gives it (so never
 * with user info, query or fragment, where a secret could hide), the project and the job, trimmed.
 */
record DurationKey(String baseUrl, String project, String job) {
    /** @return the key, or null when the URL is not a base URL or a name is blank or too long to keep */
    @CheckForNull
    static DurationKey of(@CheckForNull Object baseUrl, @CheckForNull String project, @CheckForNull String job) {
        if (baseUrl == null || project == null || job == null || project.isBlank() || job.isBlank()
                || project.length() > JobDurations.MAX_NAME_CHARS || job.length() > JobDurations.MAX_NAME_CHARS) {
            return null;
        }
        try {
            return new DurationKey(BaseUrl.parse(baseUrl.toString()).toString(), project.trim(), job.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
