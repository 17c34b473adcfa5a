package io.jenkins.plugins.ishcd.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RequestScheduler;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.ScaledScheduler;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import io.jenkins.plugins.ishcd.client.bench.PollFleet.Strategy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code durations} part of {@link WaitBenchmark}: jobs whose runs last as real ones do (the draws of
 * {@link PollFleet}: most within ±10 % of the job's median, a few far outside it, one job in five with no
 * history), waited on by the engine three ways side by side, against the emulator in its own JVM: a fixed 5 s
 * poll, the back-off, and polls timed from the job's history. The history is learnt as a caller learns it: each
 * job's first {@code learnRuns} runs are waited on and their durations recorded in a {@link JobDurations} as they
 * complete; then each job's measured runs start, the same draws for the three ways, each way on a job of its own.
 *
 * <p>Time runs {@code scale} times faster on both sides, the emulator's clock ({@code --time-scale}) and the
 * engine's ({@link ScaledScheduler}), so intervals, bands and durations are the engine's own, unscaled; figures
 * are in real time (that of the engine and the emulator), as the simulation's are. Requests per run are the
 * emulator's count, the trigger included.
 */
final class DurationsScenario {
    private static final List<Strategy> STRATEGIES = List.of(Strategy.FIXED_5S, Strategy.BACKOFF, Strategy.HISTORY);
    private static final WaitOptions FIXED_5S = WaitOptions.builder().initialInterval(Duration.ofSeconds(5))
            .maxInterval(Duration.ofSeconds(5)).multiplier(1).jitter(0).build();
    /** The measured runs start this long (a multiple of the median) after the learning ones: most have ended. */
    private static final double LEARNING = 1.3;

    private final int scale;
    private final double[] medianMinutes;
    private final int jobsPerMedian;
    private final int runsPerJob;
    private final int learnRuns;
    private final PollFleet.Config draws;

    /** A job of the benchmark: on the emulator, one job for each way of waiting, named {@code name-fixed_5s} etc. */
    private record Job(String name, double minutes, double sigma, double queued, boolean learns) {
        String on(Strategy s) {
            return name + "-" + s.name().toLowerCase(Locale.ROOT);
        }
    }

    /** One measured run of one way: its job, drawn length (seconds, on the benchmark's clock), expectation, id, end. */
    private static final class Wait {
        final Job job;
        final Strategy strategy;
        final ExpectedDuration expected;
        volatile String runId;
        volatile long seenAtMillis;

        Wait(Job job, Strategy strategy, ExpectedDuration expected) {
            this.job = job;
            this.strategy = strategy;
            this.expected = expected;
        }
    }

    DurationsScenario(int scale, double[] medianMinutes, int jobsPerMedian, int runsPerJob, int learnRuns, long seed) {
        this.scale = scale;
        this.medianMinutes = medianMinutes.clone();
        this.jobsPerMedian = jobsPerMedian;
        this.runsPerJob = runsPerJob;
        this.learnRuns = learnRuns;
        this.draws = PollFleet.Config.standard(seed);
    }

    /** @return the figures: one line on the run, then {@link PollFleet#table}'s rows */
    String run() throws Exception {
        Random random = new Random(draws.seed());
        List<Job> jobs = new ArrayList<>();
        List<String> options = new ArrayList<>(List.of("--time-scale", Integer.toString(scale)));
        for (double minutes : medianMinutes) {
            for (int j = 0; j < jobsPerMedian; j++) {
                Job job = new Job(String.format(Locale.ROOT, "%.0fmin-%d", minutes, j), minutes, draws.minSigma()
                        + random.nextDouble() * (draws.maxSigma() - draws.minSigma()), random.nextDouble()
                        * draws.maxQueuedSeconds(), j >= jobsPerMedian * draws.noHistoryJobs());
                jobs.add(job);
                STRATEGIES.forEach(s -> options.addAll(List.of("--job", EmulatorProcess.PROJECT + "/" + job.on(s) + ":"
                        + job.queued() + ":" + job.minutes() * 60)));
            }
        }
        RequestScheduler scheduler = ScaledScheduler.newScheduler("ish-cd-bench", scale);
        try (EmulatorProcess ish = new EmulatorProcess(options); Sample sample = new Sample()) {
            URI base = URI.create(ish.baseUrl);
            IshCdClient client = IshCdClient.builder().baseUrl(base).token(ish.token).scheduler(scheduler).build();
            JobDurations durations = new JobDurations();
            List<CompletableFuture<Run>> learning = new ArrayList<>();
            for (Job job : jobs.stream().filter(Job::learns).toList()) {
                JobRef ref = JobRef.of(EmulatorProcess.PROJECT, job.on(Strategy.HISTORY));
                for (int r = 0; r < learnRuns; r++) {
                    endNext(ish, job, Strategy.HISTORY, PollFleet.duration(random, job.minutes() * 60, job.sigma(),
                            draws.outliers()));
                }
                for (int r = 0; r < learnRuns; r++) {
                    learning.add(client.runAsync(RunRequest.of(ref, Map.of()), WaitOptions.defaults(), RunListener.NONE)
                            .whenComplete((run, e) -> {
                                if (run != null) {
                                    durations.record(base, ref, run); // as the CLI does when a run has ended
                                }
                            }));
                }
            }
            double longest = jobs.stream().mapToDouble(j -> j.queued() + LEARNING * j.minutes() * 60).max().orElse(0);
            Thread.sleep(Math.round(longest * 1000 / scale));
            List<Wait> waits = new ArrayList<>();
            List<CompletableFuture<Run>> measured = new ArrayList<>();
            for (Job job : jobs) {
                ExpectedDuration expected = durations.expected(base, JobRef.of(EmulatorProcess.PROJECT, job.on(Strategy.HISTORY)));
                for (int r = 0; r < runsPerJob; r++) {
                    double[] drawn = PollFleet.duration(random, job.minutes() * 60, job.sigma(), draws.outliers());
                    for (Strategy s : STRATEGIES) {
                        endNext(ish, job, s, drawn);
                    }
                }
                for (Strategy s : STRATEGIES) {
                    WaitOptions wait = s == Strategy.FIXED_5S ? FIXED_5S
                            : WaitOptions.defaults().toBuilder().expected(s == Strategy.HISTORY ? expected : null).build();
                    for (int r = 0; r < runsPerJob; r++) {
                        Wait w = new Wait(job, s, expected);
                        waits.add(w);
                        measured.add(client.runAsync(RunRequest.of(JobRef.of(EmulatorProcess.PROJECT, job.on(s)), Map.of()),
                                wait, new RunListener() {
                                    @Override
                                    public void onTriggered(JobRef j, Run run) {
                                        w.runId = run.id();
                                    }
                                }).whenComplete((run, e) -> w.seenAtMillis = System.currentTimeMillis()));
                    }
                }
            }
            long failed = 0;
            for (CompletableFuture<Run> f : measured) {
                failed += f.handle((run, e) -> e == null ? 0 : 1).get(3 * 60 * 60 / scale + 600, TimeUnit.SECONDS);
            }
            learning.forEach(f -> f.cancel(true));
            double cpu = sample.cpuSeconds();
            return summary(ish, waits, failed, learning.size()) + String.format(Locale.ROOT, "; %.0f s real, client CPU"
                    + " %.1f s, %d threads started%n", sample.wallSeconds(), cpu, sample.threadsStarted())
                    + PollFleet.table(PollFleet.summarise(samples(ish, waits)));
        } finally {
            scheduler.shutdown();
        }
    }

    private void endNext(EmulatorProcess ish, Job job, Strategy s, double[] drawn) throws Exception {
        ish.endNext(job.on(s), Duration.ofMillis(Math.round(drawn[0] * 1000)), drawn[1] != 0 ? "error" : "complete");
    }

    private String summary(EmulatorProcess ish, List<Wait> waits, long failed, int learnt) throws Exception {
        long posts = ish.count("POST", "/v1/");
        return String.format(Locale.ROOT, "durations: %d jobs (%s min medians), %d learning runs, then %d runs per job"
                + " for each of 3 ways (%d waits): %d failed, %d triggers sent again", medianMinutes.length * jobsPerMedian,
                java.util.Arrays.toString(medianMinutes), learnt, runsPerJob, waits.size(), failed,
                posts - learnt - waits.size());
    }

    /** @return per group, per way, {@code {requests, late seconds}} of each measured run that was seen to end */
    private Map<String, Map<Strategy, List<double[]>>> samples(EmulatorProcess ish, List<Wait> waits) throws Exception {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        ish.runs().forEach(run -> runs.put(run.path("id").asText(), run));
        Map<String, Map<Strategy, List<double[]>>> samples = new LinkedHashMap<>();
        for (Wait w : waits) {
            JsonNode run = w.runId == null ? null : runs.get(w.runId);
            if (run == null || w.seenAtMillis == 0) {
                continue;
            }
            Instant created = Instant.parse(run.path("created").asText());
            Instant finishes = Instant.parse(run.path("finishes").asText());
            double running = Duration.between(created, finishes).toMillis() / 1000.0 - w.job.queued();
            String group = PollFleet.group(w.job.minutes(), w.job.minutes() * 60, running, w.expected, false);
            long requests = 1 + ish.count("GET", "/v1/projects/" + EmulatorProcess.PROJECT + "/jobs/" + w.job.on(w.strategy)
                    + "/runs/" + w.runId);
            samples.computeIfAbsent(group, g -> new LinkedHashMap<>()).computeIfAbsent(w.strategy, k -> new ArrayList<>())
                    .add(new double[] {requests, Scenario.lateSeconds(w.seenAtMillis, ish.real(finishes), scale)});
        }
        return samples;
    }
}
