package io.jenkins.plugins.ishcd.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the emulator's API part was asked, as load: requests per second and requests in flight, for a benchmark
 * that wants the server's view ({@link IshCdEmulator#traffic()}, or {@code GET /emulator/traffic}). A request
 * counts from the moment it has been read in full until its answer is handed to the connection (or the
 * connection is closed): while it waits for a request thread, sleeps in a latency fault or is handled.
 * Requests to the control endpoint ({@code /emulator/...}) are not counted. Seconds are those of the
 * emulator's clock. Costs O(1) per request. Thread-safe.
 */
public final class Traffic {

    /** How many 1-second windows {@link #perSecond()} keeps: the most recent hour. */
    public static final int WINDOWS_KEPT = 3600;

    private long requests;
    private int inFlight;
    private int peakInFlight;
    private final TreeMap<Long, int[]> perSecond = new TreeMap<>();
    private int peakPerSecond;
    /** Arrival instants within the last second before the latest arrival: a sliding window. */
    private final ArrayDeque<Instant> lastSecond = new ArrayDeque<>();
    private int peakInAnySecond;
    private long connections;
    private long closedIdle;

    Traffic() {
    }

    synchronized void arrived(Instant at) {
        requests++;
        peakInFlight = Math.max(peakInFlight, ++inFlight);
        int[] window = perSecond.computeIfAbsent(at.getEpochSecond(), s -> new int[1]);
        peakPerSecond = Math.max(peakPerSecond, ++window[0]);
        if (perSecond.size() > WINDOWS_KEPT) {
            perSecond.pollFirstEntry();
        }
        Instant windowStart = at.minus(Duration.ofSeconds(1));
        while (!lastSecond.isEmpty() && !lastSecond.peekFirst().isAfter(windowStart)) {
            lastSecond.removeFirst();
        }
        lastSecond.addLast(at);
        peakInAnySecond = Math.max(peakInAnySecond, lastSecond.size());
    }

    synchronized void answered() {
        inFlight--;
    }

    synchronized void connectionOpened() {
        connections++;
    }

    synchronized void connectionClosedIdle() {
        closedIdle++;
    }

    /** @return requests received since the start or the last {@link #reset()} */
    public synchronized long requests() {
        return requests;
    }

    /** @return requests received and not yet answered, now */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** @return the most requests that were in flight at once */
    public synchronized int peakInFlight() {
        return peakInFlight;
    }

    /** @return the most requests received within one whole second of the clock (from {@code s.000} to {@code s.999}) */
    public synchronized int peakPerSecond() {
        return peakPerSecond;
    }

    /**
     * @return the most requests received within any 1-second span, wherever it starts: at least
     *     {@link #peakPerSecond()}, and up to twice that when a burst straddles the turn of a second
     */
    public synchronized int peakInAnySecond() {
        return peakInAnySecond;
    }

    /** @return requests per second of the clock: Unix second to count, for the last {@value #WINDOWS_KEPT} seconds that saw any */
    public synchronized SortedMap<Long, Integer> perSecond() {
        TreeMap<Long, Integer> copy = new TreeMap<>();
        perSecond.forEach((second, count) -> copy.put(second, count[0]));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** @return TCP connections accepted since the start or the last {@link #reset()} */
    public synchronized long connections() {
        return connections;
    }

    /** @return connections the emulator closed because they were idle ({@link IshCdEmulatorBuilder#idleTimeout}) */
    public synchronized long closedIdle() {
        return closedIdle;
    }

    /** Starts the figures afresh, e.g. between the phases of a benchmark; requests in flight stay counted. */
    public synchronized void reset() {
        requests = 0;
        peakInFlight = inFlight;
        perSecond.clear();
        peakPerSecond = 0;
        lastSecond.clear();
        peakInAnySecond = 0;
        connections = 0;
        closedIdle = 0;
    }
}
