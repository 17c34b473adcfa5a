package io.jenkins.plugins.ishcd.client.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What one scenario cost this JVM: threads, CPU, heap; and percentiles of lateness. */
final class Sample implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long startedThreads = THREADS.getTotalStartedThreadCount();
    private final long cpuNanos = OS.getProcessCpuTime();
    private final long wallNanos = System.nanoTime();
    private long heapBefore = heapAfterGc();
    private final AtomicInteger peakThreads = new AtomicInteger();
    private final AtomicInteger peakEngine = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    long heapRetained;

    Sample() {
        sampler.scheduleAtFixedRate(() -> {
            peakThreads.accumulateAndGet(THREADS.getThreadCount(), Math::max);
            peakEngine.accumulateAndGet(engineThreads(), Math::max);
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** Takes the heap held now as the base of {@link #heapNow()}: call once the client is ready, before any wait. */
    void heapBase() {
        heapBefore = heapAfterGc();
    }

    /** Measures the heap held now beyond the base. */
    void heapNow() {
        heapRetained = heapAfterGc() - heapBefore;
    }

    int peakThreads() {
        return peakThreads.get();
    }

    int peakEngineThreads() {
        return peakEngine.get();
    }

    long threadsStarted() {
        return THREADS.getTotalStartedThreadCount() - startedThreads;
    }

    double cpuSeconds() {
        return (OS.getProcessCpuTime() - cpuNanos) / 1e9;
    }

    double wallSeconds() {
        return (System.nanoTime() - wallNanos) / 1e9;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    /** The engine's own threads: its scheduler, events, HTTP and send threads, and the shared JDK client's selector. */
    private static int engineThreads() {
        int n = 1;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("ish-cd-")) {
                n++;
            }
        }
        return n;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** @return the p-th percentile (0 to 1) of {@code values}, or NaN for none */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
