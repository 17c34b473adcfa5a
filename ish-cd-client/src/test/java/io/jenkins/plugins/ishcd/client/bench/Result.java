package io.jenkins.plugins.ishcd.client.bench;

import java.util.Locale;

/**
 * One scenario's figures, with time scaled back to real time: lateness in real seconds, rates in
 * real requests per second (the benchmark runs time {@code scale} times faster).
 */
record Result(String name, int waits, long failed, int peakThreads, long threadsStarted, int engineThreads,
        double requestsPerRun, double serverPeakPerSecond, int serverPeakInFlight, int clientPeakInFlight,
        double lateP50, double lateP95, double lateMax, double cpuSeconds, double heapPerWait) {

    static String header() {
        return String.format(Locale.ROOT, "%-22s %6s %6s %7s %7s %6s %8s %8s %6s %6s %7s %7s %7s %7s %8s",
                "scenario", "waits", "failed", "threads", "started", "engine", "req/run", "peak/s", "srvFly",
                "cliFly", "lateP50", "lateP95", "lateMax", "cpu s", "heap/w B");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-22s %6d %6d %7d %7d %6s %8.1f %8.1f %6d %6s %7.1f %7.1f %7.1f %7.1f %8.0f",
                name, waits, failed, peakThreads, threadsStarted, engineThreads < 0 ? "-" : Integer.toString(engineThreads),
                requestsPerRun, serverPeakPerSecond, serverPeakInFlight,
                clientPeakInFlight < 0 ? "-" : Integer.toString(clientPeakInFlight), lateP50, lateP95, lateMax,
                cpuSeconds, heapPerWait);
    }
}
