package io.jenkins.plugins.ishcd.client.bench;

import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.PollTiming;
import io.jenkins.plugins.ishcd.client.RunStatus;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Many jobs, many runs each, waited on three ways on the simulated clock of {@link PollSimulation}:
 * a fixed 5 s poll, the back-off alone, and polls timed from the job's history (learnt as the runs
 * complete, in a real {@link JobDurations}). Durations vary as real jobs' do: each job has a median
 * (1, 3, 10 or 30 min) and a spread; most runs fall within ±10 % of the median (log-normal, the
 * spread's sigma drawn per job), a few are outliers (early errors, runs that hang on), some jobs keep
 * no history, and some waits start late, on a run already under way (a controller restart).
 */
public final class PollFleet {
    /** How a wait polls. */
    public enum Strategy {
        FIXED_5S, BACKOFF, HISTORY,
        /**
         * Not the engine: what history-timed polls would give if, before half the median, polls could
         * be up to twice the back-off's longest interval apart (an early end seen up to that late).
         */
        WHAT_IF_FAR_X2
    }

    /** The knobs of one simulation; {@link #standard(long)} is the one the test and the benchmark use. */
    public record Config(long seed, double[] medianMinutes, int jobsPerMedian, int runsPerJob, double minSigma,
            double maxSigma, double outliers, double noHistoryJobs, double resumed, double maxQueuedSeconds) {
        /** @return 4 medians x 25 jobs x 40 runs, sigma 2-5 %, 5 % outliers, 1 job in 5 without history, 10 % resumed */
        public static Config standard(long seed) {
            return new Config(seed, new double[] {1, 3, 10, 30}, 25, 40, 0.02, 0.05, 0.05, 0.2, 0.1, 20);
        }

        /** @param minutes the jobs' medians @return this fleet with jobs of those medians */
        public Config withMedians(double[] minutes) {
            return new Config(seed, minutes.clone(), jobsPerMedian, runsPerJob, minSigma, maxSigma, outliers, noHistoryJobs,
                    resumed, maxQueuedSeconds);
        }
    }

    /** Requests and lateness of the waits of one group, one strategy. */
    public record Stats(int runs, double requestsPerRun, double p50, double p95, double max) {}

    private PollFleet() {}

    /** @return per group (e.g. {@code "10 min, within ±10 %"}), per strategy, the figures */
    public static Map<String, Map<Strategy, Stats>> simulate(Config c) {
        Random random = new Random(c.seed());
        WaitOptions options = WaitOptions.defaults();
        URI baseUrl = URI.create("https://api.ish-cd.com/v1");
        JobDurations durations = new JobDurations();
        Map<String, Map<Strategy, List<double[]>>> samples = new LinkedHashMap<>();
        for (double minutes : c.medianMinutes()) {
            for (int j = 0; j < c.jobsPerMedian(); j++) {
                JobRef job = JobRef.of("fleet", minutes + "min-" + j);
                double median = minutes * 60;
                double sigma = c.minSigma() + random.nextDouble() * (c.maxSigma() - c.minSigma());
                boolean learns = j >= c.jobsPerMedian() * c.noHistoryJobs();
                for (int r = 0; r < c.runsPerJob(); r++) {
                    double[] drawn = duration(random, median, sigma, c.outliers());
                    double running = drawn[0];
                    boolean error = drawn[1] != 0;
                    double queued = random.nextDouble() * c.maxQueuedSeconds();
                    ExpectedDuration expected = learns ? durations.expected(baseUrl, job) : null;
                    boolean resumed = random.nextDouble() < c.resumed();
                    String group = group(minutes, median, running, expected, resumed);
                    double startAt = random.nextDouble() * (queued + running);
                    long seed = random.nextLong();
                    for (Strategy s : Strategy.values()) {
                        Random jitter = new Random(seed);
                        PollSimulation.Timing timing = switch (s) {
                            case FIXED_5S -> null;
                            case BACKOFF -> PollSimulation.engine(options, null, jitter::nextDouble);
                            case HISTORY -> PollSimulation.engine(options, expected, jitter::nextDouble);
                            case WHAT_IF_FAR_X2 -> farTwice(options, expected, jitter::nextDouble);
                        };
                        PollSimulation.Outcome o = timing == null
                                ? (resumed ? fixedFrom(startAt, queued + running) : PollSimulation.fixedPoll(queued, running))
                                : resumed ? PollSimulation.resumedWith(options, timing, queued, running, startAt,
                                        jitter::nextDouble)
                                : PollSimulation.triggeredWith(options, timing, queued, running);
                        samples.computeIfAbsent(group, g -> new LinkedHashMap<>())
                                .computeIfAbsent(s, k -> new ArrayList<>())
                                .add(new double[] {o.requests(), o.lateSeconds()});
                    }
                    if (!error) { // early outliers end in error, which is not learnt
                        durations.record(baseUrl, job, Math.round(running));
                    }
                }
            }
        }
        return summarise(samples);
    }

    /**
     * @param samples per group, per strategy, one {@code {requests, lateSeconds}} per wait
     * @return per group in the table's order, per strategy, the figures
     */
    static Map<String, Map<Strategy, Stats>> summarise(Map<String, Map<Strategy, List<double[]>>> samples) {
        Map<String, Map<Strategy, Stats>> result = new LinkedHashMap<>();
        samples.keySet().stream().sorted(java.util.Comparator.comparingInt(PollFleet::rank)).forEach(group -> {
            Map<Strategy, Stats> stats = new LinkedHashMap<>();
            samples.get(group).forEach((s, list) -> stats.put(s, stats(list)));
            result.put(group, stats);
        });
        return result;
    }

    private static PollSimulation.Timing farTwice(WaitOptions options, ExpectedDuration expected,
            java.util.function.DoubleSupplier random) {
        WaitOptions far = options.toBuilder().maxInterval(options.maxInterval().multipliedBy(2)).build();
        return (run, since, step) -> expected != null && run.status() == RunStatus.RUNNING
                && Math.max(run.durationSeconds(), since.getSeconds()) < expected.typicalSeconds() / 2.0
                ? PollTiming.delay(far, expected, run, since, step, random)
                : PollTiming.delay(options, expected, run, since, step, random);
    }

    /** @return the seconds a run spends running, and 1 if it ends in error (else 0) */
    static double[] duration(Random random, double median, double sigma, double outliers) {
        double u = random.nextDouble();
        if (u < outliers * 0.6) {
            return new double[] {median * (0.05 + 0.75 * random.nextDouble()), 1}; // an early error
        }
        if (u < outliers) {
            return new double[] {median * (1.25 + 1.75 * random.nextDouble()), 0}; // hangs on, then completes
        }
        return new double[] {median * Math.exp(sigma * random.nextGaussian()), 0};
    }

    /** @return the group of a run: within ±10 % of its job's median (by length), resumed, an outlier, or no history */
    static String group(double minutes, double median, double running, ExpectedDuration expected,
            boolean resumed) {
        if (expected == null) {
            return "no history";
        }
        boolean inRange = Math.abs(running / median - 1) <= 0.10;
        if (resumed) {
            return inRange ? "resumed, within ±10 %" : "resumed, outlier";
        }
        if (!inRange) {
            return running < median ? "outlier, early" : "outlier, late";
        }
        return String.format(Locale.ROOT, "%.0f min, within ±10 %%", minutes);
    }

    /** The order of the table: runs within their range by length, resumed, outliers, no history. */
    private static int rank(String group) {
        if (group.contains(" min, ")) {
            return (int) Double.parseDouble(group.substring(0, group.indexOf(' ')));
        }
        return group.startsWith("resumed, within") ? 100 : group.startsWith("outlier, early") ? 101
                : group.startsWith("outlier, late") ? 102 : group.startsWith("resumed") ? 103 : 104;
    }

    /** A fixed 5 s poll that starts at {@code startAt}; no trigger request. */
    private static PollSimulation.Outcome fixedFrom(double startAt, double end) {
        int polls = 1;
        while (startAt + polls * 5.0 < end) {
            polls++;
        }
        return new PollSimulation.Outcome(polls, startAt + polls * 5.0 - end);
    }

    private static Stats stats(List<double[]> list) {
        double[] late = list.stream().mapToDouble(a -> a[1]).sorted().toArray();
        double requests = list.stream().mapToDouble(a -> a[0]).average().orElse(0);
        return new Stats(late.length, requests, quantile(late, 0.5), quantile(late, 0.95), late[late.length - 1]);
    }

    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** @return the figures as a table, one line per group and strategy */
    public static String table(Map<String, Map<Strategy, Stats>> result) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-9s %5s %9s %8s %7s %7s %7s%n",
                "group", "polling", "runs", "req/run", "vs 5 s", "p50 s", "p95 s", "max s"));
        result.forEach((group, byStrategy) -> {
            double fixed = byStrategy.get(Strategy.FIXED_5S).requestsPerRun();
            byStrategy.forEach((s, st) -> b.append(String.format(Locale.ROOT,
                    "%-24s %-9s %5d %9.1f %7.0f%% %7.1f %7.1f %7.1f%n", group, name(s), st.runs(), st.requestsPerRun(),
                    100 * st.requestsPerRun() / fixed, st.p50(), st.p95(), st.max())));
        });
        return b.toString();
    }

    private static String name(Strategy s) {
        return switch (s) {
            case FIXED_5S -> "fixed 5 s";
            case BACKOFF -> "back-off";
            case HISTORY -> "history";
            case WHAT_IF_FAR_X2 -> "what-if";
        };
    }
}
