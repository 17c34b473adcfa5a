package io.jenkins.plugins.ishcd.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Misbehaviour injected into the emulator's answers, globally ({@link IshCdEmulator#faults()}), for one
 * job ({@link IshCdEmulator#faults(String, String)}) or for one run ({@link IshCdEmulator#runFaults(String)}).
 * Every setter may be called while clients are waiting, so a test can switch faults mid-wait.
 *
 * <p>A {@code method} argument ({@code "GET"}, {@code "POST"}, any case) limits a fault to requests of that
 * method; {@code null} means any method. Counted faults ("the next N") are used up in the order they were
 * added; the most specific scope (run, then job, then global) is asked first. Faults strike before the
 * token is checked, as a gateway in front of the service would.
 *
 * <p>Thread-safe.
 */
public final class Faults {

    private Duration latency = Duration.ZERO;
    private final FaultQueue queue = new FaultQueue();
    private boolean numbersAsStrings;
    private int hugeLogChars;
    private String unknownStatus;
    private Duration unknownStatusFor = Duration.ZERO;

    /** @param delay real time waited before each answer (not the emulator's clock: it is for client timeouts) */
    public synchronized Faults latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("Latency must be zero or more, not " + delay);
        }
        this.latency = delay;
        return this;
    }

    /** The next {@code count} requests of any method are answered with {@code status}; see {@link #failNext(String, int, int)}. */
    public Faults failNext(int count, int status) {
        return failNext(null, count, status);
    }

    /**
     * The next {@code count} matching requests are answered with {@code status} without being acted on.
     * A 5xx comes with an HTML body (502 is nginx's "Bad Gateway" page), a 4xx with a JSON message.
     *
     * @param method {@code "GET"}, {@code "POST"} or {@code null} for any
     * @param count how many requests, at least 1
     * @param status an error status, 400 to 599
     */
    public Faults failNext(String method, int count, int status) {
        return add(method, count, new Fault(Fault.Kind.FAIL, errorStatus(status), null), Fault.Phase.BEFORE);
    }

    /**
     * The next {@code count} matching requests are acted on (a POST creates its run) but answered with
     * {@code status}, as when a gateway times out after the service did its work.
     */
    public Faults failNextAfterProcessing(String method, int count, int status) {
        return add(method, count, new Fault(Fault.Kind.FAIL, errorStatus(status), null), Fault.Phase.AFTER);
    }

    /**
     * A share of matching requests, drawn from a seeded {@link Random} so that a test is repeatable, is
     * answered with {@code status} without being acted on.
     *
     * @param share between 0 (none) and 1 (all)
     * @param seed the seed of the random draws
     */
    public synchronized Faults failShare(String method, double share, int status, long seed) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("A share is between 0 and 1, not " + share);
        }
        queue.addShare(normalize(method), share, new Fault(Fault.Kind.FAIL, errorStatus(status), null), seed);
        return this;
    }

    /**
     * The next {@code count} matching requests are answered 429 Too Many Requests.
     *
     * @param retryAfter sent as {@code Retry-After} in whole seconds, or {@code null} to send no such header
     */
    public Faults rateLimitNext(String method, int count, Duration retryAfter) {
        return add(method, count, new Fault(Fault.Kind.RATE_LIMIT, 429, retryAfter), Fault.Phase.BEFORE);
    }

    /** The connection of the next {@code count} matching requests is closed without an answer, before acting. */
    public Faults dropNext(String method, int count) {
        return add(method, count, new Fault(Fault.Kind.DROP, 0, null), Fault.Phase.BEFORE);
    }

    /** Like {@link #dropNext} but after acting: a dropped POST has created its run, the client cannot know. */
    public Faults dropNextAfterProcessing(String method, int count) {
        return add(method, count, new Fault(Fault.Kind.DROP, 0, null), Fault.Phase.AFTER);
    }

    /** @param enabled send a run's {@code duration}, {@code created}, {@code changed} as JSON strings ({@code "26"}) */
    public synchronized Faults numbersAsStrings(boolean enabled) {
        this.numbersAsStrings = enabled;
        return this;
    }

    /** @param minChars a finished run's log is padded with generated lines to at least this many characters; 0 for off */
    public synchronized Faults hugeLog(int minChars) {
        if (minChars < 0) {
            throw new IllegalArgumentException("A log size is zero or more, not " + minChars);
        }
        this.hugeLogChars = minChars;
        return this;
    }

    /**
     * Runs created from now on report {@code status} (e.g. {@code "paused"}, a value the API never documented)
     * for {@code forHowLong} after leaving the queue, then go on running; their finish is later by as much.
     *
     * @param status the unknown status value, or {@code null} to stop
     */
    public synchronized Faults unknownStatus(String status, Duration forHowLong) {
        this.unknownStatus = status;
        this.unknownStatusFor = status == null ? Duration.ZERO : Objects.requireNonNull(forHowLong, "forHowLong");
        return this;
    }

    /**
     * The next {@code count} runs created in this scope (this job's, or any job's for the global faults) end
     * with {@code outcome} whatever their job says, e.g. {@code outcomeNext(Outcome.ERROR, 1)}: "the next run
     * fails". A run's outcome is fixed when it is created, so the faults of a run ignore this.
     */
    public Faults outcomeNext(Outcome outcome, int count) {
        return outcomeNext(outcome, null, count);
    }

    /** @param running how long those runs stay {@code running} (a benchmark gives each its own), or {@code null} for their job's */
    public synchronized Faults outcomeNext(Outcome outcome, Duration running, int count) {
        if (running != null && running.isNegative()) {
            throw new IllegalArgumentException("A running time is zero or more, not " + running);
        }
        queue.addOutcome(new RunEnd(Objects.requireNonNull(outcome, "outcome"), running), positive(count));
        return this;
    }

    /** Removes every fault of this scope. */
    public synchronized Faults clear() {
        latency = Duration.ZERO;
        queue.clear();
        numbersAsStrings = false;
        hugeLogChars = 0;
        unknownStatus = null;
        unknownStatusFor = Duration.ZERO;
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized boolean numbersAsStrings() {
        return numbersAsStrings;
    }

    synchronized int hugeLogChars() {
        return hugeLogChars;
    }

    synchronized String unknownStatus() {
        return unknownStatus;
    }

    synchronized Duration unknownStatusFor() {
        return unknownStatusFor;
    }

    /** Uses up and returns the fault for a request of {@code method} in {@code phase}, or {@code null}. */
    synchronized Fault take(String method, Fault.Phase phase) {
        return queue.take(method, phase);
    }

    /** Uses up and returns how the next run created in this scope must end, or {@code null}. */
    synchronized RunEnd takeOutcome() {
        return queue.takeOutcome();
    }

    private synchronized Faults add(String method, int count, Fault fault, Fault.Phase phase) {
        queue.add(normalize(method), positive(count), fault, phase);
        return this;
    }

    private static int positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A count is at least 1, not " + count);
        }
        return count;
    }

    private static int errorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status is 400 to 599, not " + status);
        }
        return status;
    }

    private static String normalize(String method) {
        return method == null ? null : method.toUpperCase(java.util.Locale.ROOT);
    }
}
