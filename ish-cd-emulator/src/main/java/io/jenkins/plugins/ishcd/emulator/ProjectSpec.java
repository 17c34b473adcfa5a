package io.jenkins.plugins.ishcd.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/** An emulated project: its machine name, ID, label and jobs. Immutable; built with {@link Builder}. */
public final class ProjectSpec {

    private final String machineName;
    private final String id;
    private final String label;
    private final List<JobSpec> jobs;

    private ProjectSpec(Builder builder) {
        this.machineName = builder.machineName;
        this.id = builder.id;
        this.label = builder.label;
        List<JobSpec> built = new ArrayList<>();
        for (JobSpec.Builder job : builder.jobs) {
            built.add(job.build());
        }
        this.jobs = List.copyOf(built);
    }

    /** @return the machine name, e.g. {@code my-corp}: the usual {@code {project}} path segment */
    public String machineName() {
        return machineName;
    }

    /** @return the fixed ID, the other accepted {@code {project}} path segment */
    public String id() {
        return id;
    }

    /** @return the human-readable name, e.g. {@code My Corp} */
    public String label() {
        return label;
    }

    /** @return the project's jobs, in the order they were defined */
    public List<JobSpec> jobs() {
        return jobs;
    }

    /** Builds a {@link ProjectSpec}. */
    public static final class Builder {
        private final String machineName;
        private String id;
        private String label;
        private final List<JobSpec.Builder> jobs = new ArrayList<>();

        Builder(String machineName) {
            this.machineName = JobSpec.requireName(machineName, "project");
            // Stable across starts, so that a test can address the project by an ID it did not set.
            this.id = UUID.nameUUIDFromBytes(("project/" + machineName).getBytes(StandardCharsets.UTF_8)).toString();
            this.label = machineName;
        }

        /** @param value the project's fixed ID (default: a UUID derived from the machine name) */
        public Builder id(String value) {
            this.id = JobSpec.requireName(value, "project ID");
            return this;
        }

        /** @param value the human-readable name (default: the machine name) */
        public Builder label(String value) {
            this.label = Objects.requireNonNull(value, "label");
            return this;
        }

        /**
         * Adds a job.
         *
         * @param jobMachineName the job's machine name, e.g. {@code deploy}
         * @param setup sets the job's ID, timings, outcome, log and faults
         */
        public Builder job(String jobMachineName, Consumer<JobSpec.Builder> setup) {
            JobSpec.Builder job = new JobSpec.Builder(machineName, jobMachineName);
            setup.accept(job);
            jobs.add(job);
            return this;
        }

        ProjectSpec build() {
            return new ProjectSpec(this);
        }
    }
}
