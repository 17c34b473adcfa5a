package io.jenkins.plugins.ishcd.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What an emulated job is and what its runs do: how long a run stays {@code queued}, how long it is
 * {@code running}, how it ends and which log it produces. Immutable; built with {@link Builder}.
 */
public final class JobSpec {

    private final String machineName;
    private final String id;
    private final String label;
    private final Duration queuedFor;
    private final Duration runningFor;
    private final Outcome outcome;
    private final String log;
    private final Map<String, String> envDependencies;
    private final Consumer<Faults> faults;

    private JobSpec(Builder builder) {
        this.machineName = builder.machineName;
        this.id = builder.id;
        this.label = builder.label;
        this.queuedFor = builder.queuedFor;
        this.runningFor = builder.runningFor;
        this.outcome = builder.outcome;
        this.log = builder.log;
        this.envDependencies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.envDependencies));
        this.faults = builder.faults;
    }

    /** @return the machine name, e.g. {@code deploy}: the usual {@code {job}} path segment */
    public String machineName() {
        return machineName;
    }

    /** @return the fixed ID, the other accepted {@code {job}} path segment */
    public String id() {
        return id;
    }

    /** @return the human-readable name */
    public String label() {
        return label;
    }

    /** @return how long a new run stays {@code queued} */
    public Duration queuedFor() {
        return queuedFor;
    }

    /** @return how long a run stays {@code running}; its final {@code duration} in whole seconds */
    public Duration runningFor() {
        return runningFor;
    }

    /** @return how runs of this job end */
    public Outcome outcome() {
        return outcome;
    }

    /** @return the log template ({@code ${VAR}} is filled from the run's env), or {@code null} for no log */
    public String log() {
        return log;
    }

    /**
     * @return the variables the job declares, in order: name to {@link #REQUIRED} or {@link #OPTIONAL}, as the
     *     API's {@code dependencies.env} shows them; a trigger without a required one is refused with 400
     */
    public Map<String, String> envDependencies() {
        return envDependencies;
    }

    Consumer<Faults> faults() {
        return faults;
    }

    /** A variable a run cannot be triggered without. */
    public static final String REQUIRED = "required";

    /** A variable a run may be triggered without. */
    public static final String OPTIONAL = "optional";

    /** Builds a {@link JobSpec}; every field but the machine name has a default. */
    public static final class Builder {
        private final String machineName;
        private String id;
        private String label;
        private Duration queuedFor = Duration.ofSeconds(1);
        private Duration runningFor = Duration.ofSeconds(2);
        private Outcome outcome = Outcome.COMPLETE;
        private String log;
        private final Map<String, String> envDependencies = new LinkedHashMap<>();
        private Consumer<Faults> faults = f -> { };

        /**
         * @param projectName the machine name of the job's project, from which a stable default job ID is derived
         * @param machineName the job's machine name
         */
        Builder(String projectName, String machineName) {
            this.machineName = requireName(machineName, "job");
            // Stable across starts, so tests and saved pipelines can use an ID without configuring one.
            this.id = UUID.nameUUIDFromBytes((projectName + "/" + machineName).getBytes(StandardCharsets.UTF_8)).toString();
            this.label = machineName;
        }

        /** @param value the job's fixed ID (default: a UUID derived from project and machine name) */
        public Builder id(String value) {
            this.id = requireName(value, "job ID");
            return this;
        }

        /** @param value the human-readable name (default: the machine name) */
        public Builder label(String value) {
            this.label = Objects.requireNonNull(value, "label");
            return this;
        }

        /** @param value how long a run stays {@code queued} (default 1 s) */
        public Builder queuedFor(Duration value) {
            this.queuedFor = nonNegative(value, "queuedFor");
            return this;
        }

        /** @param value how long a run stays {@code running} (default 2 s) */
        public Builder runningFor(Duration value) {
            this.runningFor = nonNegative(value, "runningFor");
            return this;
        }

        /** @param value how runs end (default {@link Outcome#COMPLETE}) */
        public Builder outcome(Outcome value) {
            this.outcome = Objects.requireNonNull(value, "outcome");
            return this;
        }

        /** @param template the log a finished run reports; {@code ${VAR}} is replaced by env value VAR */
        public Builder log(String template) {
            this.log = template;
            return this;
        }

        /** @param names variables the job requires: a trigger without one of them is refused with 400 */
        public Builder requiredEnv(String... names) {
            return dependencies(REQUIRED, names);
        }

        /** @param names variables the job uses when given (the Hubot script lets its user skip them) */
        public Builder optionalEnv(String... names) {
            return dependencies(OPTIONAL, names);
        }

        private Builder dependencies(String requirement, String... names) {
            for (String name : names) {
                if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("An env variable name is letters, digits and '_', not starting with a digit: '"
                            + name + "'");
                }
                envDependencies.put(name, requirement);
            }
            return this;
        }

        /** @param setup faults this job has from the start (see {@link IshCdEmulator#faults(String, String)}) */
        public Builder faults(Consumer<Faults> setup) {
            this.faults = Objects.requireNonNull(setup, "setup");
            return this;
        }

        JobSpec build() {
            return new JobSpec(this);
        }
    }

    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A " + what + " must not be empty");
        }
        return value;
    }

    private static Duration nonNegative(Duration value, String what) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or more, not " + value);
        }
        return value;
    }
}
