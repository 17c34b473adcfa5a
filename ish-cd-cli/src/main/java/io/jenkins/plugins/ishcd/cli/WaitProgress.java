package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.Durations;
import io.jenkins.plugins.ishcd.client.RunReport;
import io.jenkins.plugins.ishcd.client.RunStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows, on standard error, that a long wait goes on. On a terminal: a status line redrawn every second
 * ({@code Ish CD run 3abed1d7... is running (waited 1 min 5 s, next check in 12 s)}), erased before any
 * other line is written. Elsewhere (a CI log, a file): a heartbeat line after 30 s without news, then after twice as
 * long each time up to every 5 minutes. Never on standard output, so a log or {@code --json} stays clean.
 *
 * <p>Every line written to standard error during a wait goes through {@link #say}, so the live line
 * never mixes with it. Thread-safe: the client's threads report, one timer thread redraws.
 */
final class WaitProgress implements AutoCloseable {
    static final Duration FIRST_HEARTBEAT = Duration.ofSeconds(30);
    static final Duration MAX_HEARTBEAT = Duration.ofMinutes(5);
    /** The live line's width stays under this, so that it never wraps on an 80-column terminal. */
    static final int MAX_LIVE = 78;

    private final Terminal terminal;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final boolean withTimer;
    private ScheduledExecutorService timer;

    private String runId;
    private String status;
    private long startNanos;
    private long lastNewsNanos;
    private Duration heartbeatGap = FIRST_HEARTBEAT;
    /** Nanos of the next poll, or -1 when not known. */
    private long nextCheckNanos = -1;
    private int shownWidth;
    private boolean closed;

    /** @param terminal where to write; a live line only when its standard error is a terminal */
    WaitProgress(@NonNull Terminal terminal) {
        this(terminal, terminal.errIsTerminal(), System::nanoTime, true);
    }

    /** For tests: no timer until {@link #start}; {@link #tick} is called by hand with a fake clock. */
    WaitProgress(@NonNull Terminal terminal, boolean live, @NonNull LongSupplier nanoTime) {
        this(terminal, live, nanoTime, false);
    }

    private WaitProgress(Terminal terminal, boolean live, LongSupplier nanoTime, boolean withTimer) {
        this.terminal = terminal;
        this.live = live;
        this.nanoTime = nanoTime;
        this.withTimer = withTimer;
    }

    /**
     * The run exists: show progress from now on, with one daemon timer thread.
     *
     * @param id the run id @param firstStatus its status
     */
    synchronized void start(@NonNull String id, @NonNull String firstStatus) {
        if (closed || runId != null) {
            return;
        }
        runId = id;
        status = shown(firstStatus);
        startNanos = nanoTime.getAsLong();
        lastNewsNanos = startNanos;
        if (!withTimer) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ish-cd-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** @param newStatus the status a poll saw; news, so the heartbeat starts over */
    synchronized void status(@NonNull String newStatus) {
        status = shown(newStatus);
        news();
    }

    /**
     * When the next poll is due, as the client tells after every answer
     * ({@link io.jenkins.plugins.ishcd.client.RunListener#onPollScheduled}) and after a failed poll.
     *
     * @param in the time until the next poll
     */
    synchronized void nextCheckIn(@NonNull Duration in) {
        nextCheckNanos = nanoTime.getAsLong() + in.toNanos();
    }

    /** Writes a line to standard error, the live line erased first and drawn again after it. */
    synchronized void say(@NonNull String line) {
        erase();
        terminal.say(line);
        news();
        draw();
    }

    /** Redraws the live line, or writes a heartbeat when one is due. Called every second by the timer. */
    synchronized void tick() {
        if (closed || runId == null) {
            return;
        }
        if (live) {
            draw();
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastNewsNanos >= heartbeatGap.toNanos()) {
            terminal.say("Ish CD run " + RunReport.printable(runId) + " is still " + status + " after "
                    + Durations.format(Duration.ofSeconds(Duration.ofNanos(now - startNanos).getSeconds())) + ".");
            lastNewsNanos = now;
            Duration doubled = heartbeatGap.multipliedBy(2);
            heartbeatGap = doubled.compareTo(MAX_HEARTBEAT) > 0 ? MAX_HEARTBEAT : doubled;
        }
    }

    /** Erases the live line and stops the timer; nothing is shown after. Idempotent. */
    @Override
    public synchronized void close() {
        erase();
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** @return the live line as it would be drawn now, or null before the run exists */
    @CheckForNull
    synchronized String liveLine() {
        if (runId == null) {
            return null;
        }
        long now = nanoTime.getAsLong();
        String id = RunReport.printable(runId);
        String shortId = id.length() > 12 ? id.substring(0, 8) + "..." : id;
        String line = "Ish CD run " + shortId + " is " + status + " (waited "
                + Durations.format(Duration.ofSeconds(Duration.ofNanos(now - startNanos).getSeconds()))
                + (nextCheckNanos > now ? ", next check in " + Durations.format(
                        Duration.ofSeconds(Duration.ofNanos(nextCheckNanos - now + 999_999_999).getSeconds())) : "")
                + ")";
        return line.length() <= MAX_LIVE ? line : line.substring(0, MAX_LIVE - 3) + "...";
    }

    private static String shown(String serverStatus) {
        return RunReport.printable(serverStatus.length() > 20 ? serverStatus.substring(0, 20) : serverStatus);
    }

    private void news() {
        lastNewsNanos = nanoTime.getAsLong();
        heartbeatGap = FIRST_HEARTBEAT;
    }

    private void draw() {
        // Once the run has ended there is nothing left to wait for: the summary follows.
        String line = live && !closed && !RunStatus.fromWire(status).isFinished() ? liveLine() : null;
        if (line == null) {
            return;
        }
        // Carriage return and padding rather than ANSI codes: this works on every terminal.
        PrintWriter err = terminal.err();
        err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        if (shownWidth > line.length()) {
            err.print("\r" + line);
        }
        err.flush();
        shownWidth = line.length();
    }

    private void erase() {
        if (shownWidth > 0) {
            PrintWriter err = terminal.err();
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }
}
