package io.jenkins.plugins.ishcd.emulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A job given on the command line: {@code --job PROJECT/JOB[:QUEUED[:RUNNING[:OUTCOME]]]}, e.g.
 * {@code --job bench/one-minute:1:59} (queued 1 s, running 59 s, complete) or {@code --job my-corp/nightly:0:3:error}.
 * Seconds may have decimals; left out, they are the defaults of {@link JobSpec.Builder} (1 s and 2 s).
 *
 * @param project the project's machine name
 * @param job the job's machine name
 * @param queued how long a run stays queued, or {@code null} for the default
 * @param running how long a run stays running, or {@code null} for the default
 * @param outcome how runs end, or {@code null} for the default ({@code complete})
 */
record JobArgument(String project, String job, Duration queued, Duration running, Outcome outcome) {

    /** Reads {@code --job} values for picocli, which reports a refusal as one line naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<JobArgument> {
        @Override
        public JobArgument convert(String value) {
            return parse(value);
        }
    }

    /** @throws IllegalArgumentException saying what the value should look like */
    static JobArgument parse(String value) {
        String[] parts = value.split(":", -1);
        String[] names = parts[0].split("/", -1);
        if (names.length != 2 || names[0].isBlank() || names[1].isBlank() || parts.length > 4) {
            throw new IllegalArgumentException("'" + value + "' is not PROJECT/JOB[:QUEUED[:RUNNING[:OUTCOME]]],"
                    + " e.g. bench/one-minute:1:59 or my-corp/nightly:0:3:error");
        }
        return new JobArgument(names[0], names[1], parts.length > 1 ? seconds(parts[1], value) : null,
                parts.length > 2 ? seconds(parts[2], value) : null, parts.length > 3 ? Outcome.of(parts[3]) : null);
    }

    /** Adds the jobs to {@code builder}, those of one project in one project. */
    static void addAll(List<JobArgument> jobs, IshCdEmulatorBuilder builder) {
        Map<String, List<JobArgument>> byProject = new LinkedHashMap<>();
        jobs.forEach(job -> byProject.computeIfAbsent(job.project(), p -> new java.util.ArrayList<>()).add(job));
        byProject.forEach((project, its) -> builder.project(project, p -> its.forEach(job -> p.job(job.job(), j -> {
            if (job.queued() != null) {
                j.queuedFor(job.queued());
            }
            if (job.running() != null) {
                j.runningFor(job.running());
            }
            if (job.outcome() != null) {
                j.outcome(job.outcome());
            }
        }))));
    }

    private static Duration seconds(String text, String value) {
        try {
            BigDecimal seconds = new BigDecimal(text.trim());
            if (seconds.signum() >= 0) {
                return Duration.ofMillis(seconds.movePointRight(3).longValue());
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' in '" + value + "' is not a number of seconds, zero or more");
    }
}
