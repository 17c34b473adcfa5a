package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to trigger: a job and the variables of its run.
 *
 * <p>Sent as {@code POST /projects/{project}/jobs/{job}/runs} with body
 * {@code {"env": {"NAME": "value"}}}, or an empty object when there are no variables, of at most
 * {@value #MAX_BODY_BYTES} bytes.
 */
public final class RunRequest {
    /**
     * The largest trigger body this client sends, in bytes of JSON: nginx, which fronts Ish CD (its
     * error pages say so), refuses bodies over 1 MiB unless configured otherwise
     * ({@code client_max_body_size}); and the variables end up as environment variables of the job,
     * where Linux refuses to start a process given one over 128 KiB ({@code MAX_ARG_STRLEN}).
     */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** {@link #MAX_BODY_BYTES} in words, for messages. */
    static final String MAX_BODY_BYTES_TEXT = "1 MiB (1,048,576 bytes)";

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
     * @throws IllegalArgumentException if a name is not valid (see {@link Env#checkName}), a value is null,
     *     or the request body would be over {@value #MAX_BODY_BYTES} bytes
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
        RunRequest request = new RunRequest(job, Collections.unmodifiableMap(copy));
        int bytes = RunJson.requestBody(request).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("The variables of the Ish CD run add up to "
                    + String.format(Locale.ROOT, "%,d", bytes) + " bytes of JSON, more than the " + MAX_BODY_BYTES_TEXT
                    + " this client sends: pass large data another way, for example as a file the job downloads.");
        }
        return request;
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
