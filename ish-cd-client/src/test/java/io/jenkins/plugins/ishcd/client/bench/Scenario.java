package io.jenkins.plugins.ishcd.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What every scenario shares: its scaled job and the figures read from the emulator at its end. */
abstract class Scenario {
    final int waits;
    final int scale;
    final Duration runLength;
    final String[] runIds;
    final long[] seenAtMillis;

    Scenario(int waits, int scale, Duration runLength) {
        this.waits = waits;
        this.scale = scale;
        this.runLength = runLength;
        this.runIds = new String[waits];
        this.seenAtMillis = new long[waits];
    }

    /** Waits on {@code waits} runs against {@code ish}; fills {@link #runIds} and {@link #seenAtMillis}. @return how many failed */
    abstract long waitAll(EmulatorProcess ish, Sample sample) throws Exception;

    abstract String name();

    /** @return the client's peak of requests in flight, or -1 when it keeps none */
    int clientPeakInFlight(EmulatorProcess ish) {
        return -1;
    }

    /** @return the engine's threads at peak, or -1 where there is no engine */
    int engineThreads(Sample sample) {
        return -1;
    }

    Result run() throws Exception {
        Duration queued = runLength.dividedBy(60);
        try (EmulatorProcess ish = new EmulatorProcess(seconds(queued.dividedBy(scale)),
                seconds(runLength.minus(queued).dividedBy(scale)), 0); Sample sample = new Sample()) {
            long failed = waitAll(ish, sample);
            double cpu = sample.cpuSeconds();
            JsonNode traffic = ish.traffic();
            Map<String, Instant> finishes = ish.finishes();
            double[] late = new double[waits];
            int n = 0;
            for (int i = 0; i < waits; i++) {
                Instant end = runIds[i] == null ? null : finishes.get(runIds[i]);
                if (end != null && seenAtMillis[i] != 0) {
                    late[n++] = lateSeconds(seenAtMillis[i], end, scale);
                }
            }
            late = java.util.Arrays.copyOf(late, n);
            return new Result(name(), waits, failed, sample.peakThreads(), sample.threadsStarted(), engineThreads(sample),
                    traffic.path("requests").asLong() / (double) waits, traffic.path("peakInAnySecond").asDouble() / scale,
                    traffic.path("peakInFlight").asInt(), clientPeakInFlight(ish), Sample.percentile(late, 0.5),
                    Sample.percentile(late, 0.95), Sample.percentile(late, 1.0), cpu,
                    sample.heapRetained / (double) waits);
        }
    }

    /**
     * @param seenAtMillis when the client saw the run's end, real epoch milliseconds
     * @param end when the run ended, real time
     * @param scale how many times faster than real time the benchmark runs
     * @return how late the end was seen, in seconds of the scaled (benchmarked) time
     */
    static double lateSeconds(long seenAtMillis, Instant end, int scale) {
        return (seenAtMillis - end.toEpochMilli()) * scale / 1000.0;
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
