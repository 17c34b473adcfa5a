package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to trigger: a job and the variables of its run.
 *
 * <p>Sent as {@code POST /projects/{project}/jobs/{job}/runs} with body
 * {@code {"env": {"NAME": "value"}}}, or an empty object when there are no variables.
 */
public final class RunRequest {
    private final JobRef job;
    private final Map<String, String> env;

    private RunRequest(JobRef job, Map<String, String> env) {
        this.job = job;
        this.env = env;
    }

    /**
     * @param job the job to run
     * @return a request without variables
     */
    @NonNull
    public static RunRequest of(@NonNull JobRef job) {
        return of(job, Map.of());
    }

    /**
     * @param job the job to run
     * @param env variable names to values; iteration order is kept
     * @return the request
     * @throws IllegalArgumentException if a name is not valid (see {@link Env#checkName}) or a value is null
     */
    @NonNull
    public static RunRequest of(@NonNull JobRef job, @NonNull Map<String, String> env) {
        if (job == null) {
            throw new IllegalArgumentException("No Ish CD job was given: give a project and a job.");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            Env.checkName(e.getKey());
            if (e.getValue() == null) {
                throw new IllegalArgumentException("The Ish CD variable " + e.getKey()
                        + " has no value: give it a string, or an empty string.");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return new RunRequest(job, Collections.unmodifiableMap(copy));
    }

    /** @return the job to run */
    @NonNull
    public JobRef job() {
        return job;
    }

    /** @return the variables, in the order given; unmodifiable */
    @NonNull
    public Map<String, String> env() {
        return env;
    }

    /** @return the job and the variable names; values are left out as they may be secrets */
    @Override
    public String toString() {
        return RunReport.label(job, env.keySet());
    }
}
