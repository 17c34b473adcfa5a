package io.jenkins.plugins.ishcd.client.bench;

import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits on many concurrent runs against the in-process emulator and prints what it cost: peak live
 * threads, requests in all and per run, and how long after a run ended on the server the client saw it.
 *
 * <p>Run on demand, never by {@code mvn verify} (see README.md):
 * {@code ./mvnw -DskipJenkinsPlugin -pl ish-cd-client -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.jenkins.plugins.ishcd.client.bench.WaitBenchmark}.
 *
 * <p>Time is scaled down by {@code -Dbench.scale} (default 10): a 10-minute run lasts 60 s, and the
 * client's default intervals (2 s to 30 s) become 200 ms to 3 s, so the figures per run are those of
 * the real durations. Other knobs: {@code -Dbench.runs} (1000), {@code -Dbench.minutes} (10, run length).
 */
public final class WaitBenchmark {
    private WaitBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 1000);
        int scale = Integer.getInteger("bench.scale", 10);
        int minutes = Integer.getInteger("bench.minutes", 10);
        Duration queued = Duration.ofSeconds(10).dividedBy(scale);
        Duration running = Duration.ofMinutes(minutes).minusSeconds(10).dividedBy(scale);
        Duration runLength = queued.plus(running);
        WaitOptions defaults = WaitOptions.defaults();
        WaitOptions options = defaults.toBuilder()
                .initialInterval(defaults.initialInterval().dividedBy(scale))
                .maxInterval(defaults.maxInterval().dividedBy(scale))
                .build();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (IshCdEmulator emulator = IshCdEmulator.builder()
                .threads(8)
                .project("bench", p -> p.job("ten-minutes", j -> j.queuedFor(queued).runningFor(running)
                        .outcome(Outcome.COMPLETE).log("done ${N}\n")))
                .start()) {
            String token = emulator.issueToken("benchmark");
            IshCdClient client = IshCdClient.builder().baseUrl(emulator.baseUrl()).token(token).build();
            int baselineThreads = threads.getThreadCount();
            AtomicInteger peakAll = new AtomicInteger();
            AtomicInteger peakClient = new AtomicInteger();
            AtomicInteger peakOwn = new AtomicInteger();
            AtomicReference<String> namesAtPeak = new AtomicReference<>("");
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                peakAll.accumulateAndGet(threads.getThreadCount(), Math::max);
                int outside = clientThreads(threads, false);
                if (outside > peakClient.get()) {
                    namesAtPeak.set(threadNames(threads));
                }
                peakClient.accumulateAndGet(outside, Math::max);
                peakOwn.accumulateAndGet(clientThreads(threads, true), Math::max);
            }, 0, 10, TimeUnit.MILLISECONDS);

            JobRef job = JobRef.of("bench", "ten-minutes");
            String[] runIds = new String[runs];
            Instant[] seenAt = new Instant[runs];
            List<CompletableFuture<Run>> waits = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                int n = i;
                RunListener listener = new RunListener() {
                    @Override
                    public void onTriggered(JobRef j, Run run) {
                        runIds[n] = run.id();
                    }
                };
                waits.add(client.runAsync(RunRequest.of(job, java.util.Map.of("N", Integer.toString(i))), options,
                        listener).whenComplete((r, e) -> seenAt[n] = Instant.now()));
            }
            CompletableFuture.allOf(waits.toArray(new CompletableFuture[0])).get(30, TimeUnit.MINUTES);
            long wall = System.nanoTime() - start;
            sampler.shutdownNow();

            long failed = waits.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            int posts = emulator.journal().count("POST", "/v1/projects/bench/jobs/ten-minutes/runs");
            int gets = emulator.journal().count("GET", "/v1/projects/bench/jobs/ten-minutes/runs/");
            // The emulator runs on the system clock and knows when each run ended (to the millisecond).
            double[] delaysMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                Instant finished = emulator.run(runIds[i]).orElseThrow().finishes();
                delaysMs[i] = Duration.between(finished, seenAt[i]).toNanos() / 1e6;
            }
            Arrays.sort(delaysMs);
            double fixedPollRequests = (double) runLength.toMillis() / (5000.0 / scale);

            System.out.printf(Locale.ROOT, "runs waited on concurrently : %d (%d failed)%n", runs, failed);
            System.out.printf(Locale.ROOT, "run length                  : %s real = %d min at scale 1/%d%n", runLength,
                    minutes, scale);
            System.out.printf(Locale.ROOT, "wall time                   : %.1f s%n", wall / 1e9);
            System.out.printf(Locale.ROOT, "live threads                : %d before, peak %d in the JVM (emulator"
                    + " included), peak %d outside the emulator, peak %d of the client's own (scheduler and HTTP"
                    + " selector)%n", baselineThreads, peakAll.get(), peakClient.get(), peakOwn.get());
            System.out.printf(Locale.ROOT, "threads at that peak        : %s%n", namesAtPeak.get());
            System.out.printf(Locale.ROOT, "requests                    : %d POST, %d GET, %.1f per run"
                    + " (a fixed 5 s poll: %.0f per run)%n", posts, gets, (posts + gets) / (double) runs,
                    fixedPollRequests + 1);
            System.out.printf(Locale.ROOT, "end detected after          : p50 %.0f ms, p95 %.0f ms, max %.0f ms real"
                    + " = max %.1f s unscaled (maximum interval %s unscaled)%n", delaysMs[runs / 2],
                    delaysMs[(int) (runs * 0.95)], delaysMs[runs - 1], delaysMs[runs - 1] * scale / 1000,
                    defaults.maxInterval());
        }
    }

    /** @return thread names with their numbers folded, and how many of each, e.g. {@code ish-cd-client-# x2} */
    private static String threadNames(ThreadMXBean threads) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null) {
                counts.merge(t.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((name, n) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(" x").append(n));
        return b.toString();
    }

    /**
     * @param ownOnly count only the client's threads (its scheduler and the JDK HTTP client's selector);
     *     otherwise every thread but the in-process emulator's (its pool and the JDK server's dispatcher)
     */
    private static int clientThreads(ThreadMXBean threads, boolean ownOnly) {
        int n = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            String name = t.getThreadName();
            boolean own = name.startsWith("ish-cd-client") || name.startsWith("HttpClient");
            boolean emulator = name.startsWith("ish-cd-emulator") || name.startsWith("HTTP-Dispatcher");
            if (ownOnly ? own : !emulator) {
                n++;
            }
        }
        return n;
    }
}
