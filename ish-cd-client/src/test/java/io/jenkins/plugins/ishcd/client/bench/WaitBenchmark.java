package io.jenkins.plugins.ishcd.client.bench;

import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdExecutors;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RequestLimits;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.RunStatus;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Side by side, in one run against the emulator in its own JVM: the engine and a thread-per-run
 * 5 s poller at several numbers of concurrent waits; a resume storm under a budget; a budget sweep;
 * triggers against a server that closes idle connections. Prints one table (see README.md).
 *
 * Then jobs whose runs vary in length as real ones do, waited on with a fixed 5 s poll, the back-off and
 * history-timed polls ({@link DurationsScenario}), one table per group of runs.
 *
 * <p>Time runs {@code -Dbench.scale} (default 10) times faster than real: a 10-minute job lasts
 * 60 s and the intervals shrink alike; every figure printed is converted back to real time. Knobs:
 * {@code -Dbench.sizes=100,1000,10000}, {@code -Dbench.baseline=true}, {@code -Dbench.minutes=10},
 * {@code -Dbench.parts=waits,storm,sweep,stale,durations}; for {@code durations}: {@code -Dbench.medians=1,3,10}
 * (minutes), {@code -Dbench.jobs=10} per median, {@code -Dbench.runs=10} measured per job, {@code -Dbench.seed=1}.
 */
public final class WaitBenchmark {
    private WaitBenchmark() {}

    public static void main(String[] args) throws Exception {
        int scale = Integer.getInteger("bench.scale", 10);
        Duration runLength = Duration.ofMinutes(Integer.getInteger("bench.minutes", 10));
        List<String> parts = Arrays.asList(System.getProperty("bench.parts", "waits,storm,sweep,stale,durations").split(","));
        System.out.printf(Locale.ROOT, "Java %s, %d CPUs, blocking sends: %s; time scaled 1/%d, %s runs%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                IshCdExecutors.blockingSends() == null ? "no (sendAsync)" : IshCdExecutors.blockingSends().getClass()
                        .getSimpleName(), scale, runLength);
        if (parts.contains("waits") || parts.contains("sweep")) {
            System.out.println("late*: seconds from a run's end on the server to the client seeing it; peak/s: the"
                    + " server's most requests in any 1 s; srvFly/cliFly: requests in flight at peak; heap/w: heap"
                    + " retained per wait mid-run");
            System.out.println(Result.header());
        }
        if (parts.contains("waits")) {
            for (String size : System.getProperty("bench.sizes", "100,1000,10000").split(",")) {
                int n = Integer.parseInt(size.trim());
                System.out.println(new EngineScenario(n, scale, runLength, 0).run());
                if (Boolean.parseBoolean(System.getProperty("bench.baseline", "true"))) {
                    System.out.println(new BaselineScenario(n, scale, runLength).run());
                }
            }
        }
        if (parts.contains("sweep")) {
            for (int budget : new int[] {80, 40, 20}) {
                System.out.println(new EngineScenario(1000, scale, runLength, budget).run());
            }
        }
        if (parts.contains("storm")) {
            System.out.println(storm(2000, 100));
        }
        if (parts.contains("stale")) {
            System.out.println(StaleTriggers.run(10_000, 200, 0.5, true));
            System.out.println(StaleTriggers.run(10_000, 200, 0.5, false));
        }
        if (parts.contains("durations")) {
            System.out.print(new DurationsScenario(scale, PollBenchmark.medians("1,3,10"), Integer.getInteger("bench.jobs", 10),
                    Integer.getInteger("bench.runs", 10), JobDurations.DEFAULT_RUNS_PER_JOB,
                    Long.getLong("bench.seed", 1L)).run());
        }
        System.exit(0);
    }

    /**
     * A controller resuming {@code waits} builds at once, real time: the runs are triggered first
     * (under the same budget), then every wait starts at the same instant, knowing only "running".
     */
    static String storm(int waits, int budget) throws Exception {
        try (EmulatorProcess ish = new EmulatorProcess(1, 600, 0)) {
            URI base = URI.create(ish.baseUrl);
            IshCdExecutors.scheduler().setLimits(base, RequestLimits.of(budget, RequestLimits.DEFAULT_MAX_IN_FLIGHT));
            IshCdClient client = IshCdClient.builder().baseUrl(base).token(ish.token).build();
            JobRef job = JobRef.of(EmulatorProcess.PROJECT, EmulatorProcess.JOB);
            List<CompletableFuture<Run>> triggers = new ArrayList<>();
            for (int i = 0; i < waits; i++) {
                triggers.add(client.triggerAsync(RunRequest.of(job, Map.of())));
            }
            long t0 = System.nanoTime();
            CompletableFuture.allOf(triggers.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.MINUTES);
            double triggerSeconds = (System.nanoTime() - t0) / 1e9;
            long[] firstPoll = new long[waits];
            int[] scheduled = new int[waits];
            long storm = System.nanoTime();
            List<CompletableFuture<Run>> resumed = new ArrayList<>();
            for (int i = 0; i < waits; i++) {
                int n = i;
                resumed.add(client.waitForAsync(job, triggers.get(i).get().id(), RunStatus.RUNNING, null,
                        WaitOptions.defaults(), new RunListener() {
                            @Override
                            public void onPollScheduled(JobRef j, String runId, Duration next) {
                                if (++scheduled[n] == 2) { // the first was queued at the start, this after its answer
                                    firstPoll[n] = System.nanoTime();
                                }
                            }
                        }));
            }
            while (Arrays.stream(firstPoll).anyMatch(t -> t == 0) && System.nanoTime() - storm < 120e9) {
                Thread.sleep(100);
            }
            double allPolled = (Arrays.stream(firstPoll).max().orElse(storm) - storm) / 1e9;
            resumed.forEach(w -> w.cancel(true));
            return String.format(Locale.ROOT, "resume storm, real time: %d runs triggered in %.1f s, then %d waits"
                    + " resumed at once under a budget of %d/s: the server's peak was %d requests in any 1 s;"
                    + " every wait had polled once after %.1f s", waits, triggerSeconds, waits, budget,
                    ish.traffic().path("peakInAnySecond").asLong(), allPolled);
        }
    }
}
