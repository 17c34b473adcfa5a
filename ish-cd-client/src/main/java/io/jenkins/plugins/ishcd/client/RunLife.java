package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one run as a build step lives it: triggering, waiting, finished, stopped, shut down,
 * resumed. One small state machine: every event (the trigger's answer, a status change, a failed
 * poll, the wait's end, a stop, a shutdown) is handled one at a time, in the order it came, on the
 * host's pool ({@link Inbox}), and {@link State} alone says what an event means. Nothing is locked;
 * nothing here runs on the client's threads. What must survive a restart is in the {@link RunMemo}.
 *
 * <p>Rules, from the Ish CD API (runs cannot be cancelled, a trigger is not idempotent): a stop says
 * the run goes on and names it; a run whose trigger answer comes after a stop is still reported; a
 * restart never triggers again; a failure always names the run once it exists; a shutdown touches
 * nothing, so that the next process resumes from the memo. Thread-safe.
 */
public final class RunLife {
    private static final Logger LOGGER = Logger.getLogger(RunLife.class.getName());
    /** A line says the run is still going when nothing was printed for this long. */
    public static final Duration HEARTBEAT = Duration.ofMinutes(5);

    /** Where a life is; the last three are ends. */
    public enum State { STARTING, TRIGGERING, RESUMING, WAITING, FINISHED, STOPPED, SHUT_DOWN }

    private final RunMemo memo;
    private final RunHost host;
    private final Clock clock;
    private final Inbox inbox;
    private final CompletableFuture<Void> shutDown = new CompletableFuture<>();
    private volatile State state;
    // Touched only while handling an event:
    private RunRequest request;
    private IshCdClient client;
    private CompletableFuture<Run> call;
    private int wait;
    private final WaitReporter reporter;

    private RunLife(RunMemo memo, RunHost host, Executor pool, Clock clock, State first) {
        this.memo = memo;
        this.host = host;
        this.clock = clock;
        this.inbox = new Inbox(pool);
        this.reporter = new WaitReporter(memo, host, clock);
        this.state = first;
    }

    /**
     * Starts a new run: connect, trigger, then wait as the host says.
     *
     * @param memo a memo of the request's job, not yet triggered
     * @param request the job and its variables; dropped as soon as the trigger is sent
     * @param host the program around the run
     * @param pool runs the events; shared by many lives
     * @param clock for the heartbeat and the memo's times
     * @return the life, {@link State#STARTING}
     */
    @NonNull
    public static RunLife trigger(@NonNull RunMemo memo, @NonNull RunRequest request, @NonNull RunHost host,
            @NonNull Executor pool, @NonNull Clock clock) {
        RunLife life = new RunLife(memo, host, pool, clock, State.STARTING);
        life.request = request;
        life.post(life::onStart);
        return life;
    }

    /**
     * Goes on after a restart with the run in {@code memo}; without a run id it ends with a sentence
     * saying whether a run may exist. Never triggers.
     *
     * @param memo the memo saved before the restart
     * @param host the program around the run
     * @param pool runs the events
     * @param clock for the heartbeat
     * @return the life, {@link State#RESUMING}
     */
    @NonNull
    public static RunLife resume(@NonNull RunMemo memo, @NonNull RunHost host, @NonNull Executor pool,
            @NonNull Clock clock) {
        RunLife life = new RunLife(memo, host, pool, clock, State.RESUMING);
        life.post(() -> life.onResume(true));
        return life;
    }

    /**
     * Waits for a run that exists already (a step that waits for a run an earlier one triggered): as
     * {@link #resume}, its first poll at once. Never triggers; after a restart, {@link #resume} goes on.
     *
     * @param memo {@link RunMemo#ofRun} of the run
     * @param host the program around the run
     * @param pool runs the events
     * @param clock for the heartbeat
     * @return the life, {@link State#RESUMING}
     */
    @NonNull
    public static RunLife await(@NonNull RunMemo memo, @NonNull RunHost host, @NonNull Executor pool,
            @NonNull Clock clock) {
        RunLife life = new RunLife(memo, host, pool, clock, State.RESUMING);
        life.post(() -> life.onResume(false));
        return life;
    }

    /** @param cause why (an abort, a timeout of the caller): handed to {@link RunHost#stopped} */
    public void stop(@NonNull Throwable cause) {
        post(() -> onStop(cause));
    }

    /**
     * The hosting process is going away: cancel what is under way and touch nothing from now on.
     *
     * @return completes once handled, so the caller can save the memo after it
     */
    @NonNull
    public CompletableFuture<Void> shutDown() {
        post(this::onShutDown);
        return shutDown;
    }

    /** @return where the life is */
    @NonNull
    public State state() {
        return state;
    }

    /** @return whether a restart now could lose a run's id: before the trigger has been answered */
    public boolean blocksRestart() {
        State s = state;
        return s == State.STARTING || s == State.TRIGGERING;
    }

    /** @return a short phrase for diagnostics, e.g. {@code waiting for Ish CD run 3abed1d7 of p/j (running)} */
    @NonNull
    public String status() {
        State s = state;
        JobRef job = memo.job();
        switch (s) {
            case STARTING: return "looking up the token to trigger Ish CD job " + job;
            case TRIGGERING: return "triggering Ish CD job " + job;
            case RESUMING:
            case WAITING:
                String status = memo.lastStatus();
                return "waiting for Ish CD run " + memo.runId() + " of " + job + " ("
                        + (status == null || status.isEmpty() ? "status unknown" : status) + ")";
            default: return s.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": Ish CD job " + job;
        }
    }

    // ---- the events, each handled alone ----

    private void onStart() {
        if (state != State.STARTING || !connect()) {
            return; // stopped or shut down before its turn, or no client
        }
        memo.sendingTrigger();
        CompletableFuture<Run> trigger = client.triggerAsync(request, new Events(0));
        request = null; // its variables may be secrets: kept no longer than needed
        call = trigger;
        state = State.TRIGGERING;
        trigger.whenComplete((run, error) -> post(() -> onTriggerAnswer(run, error)));
    }

    private void onTriggerAnswer(Run run, Throwable error) {
        if (run != null) {
            onCreated(run);
        } else if (state == State.TRIGGERING) {
            fail(error); // any failure, a foreign cancellation too, ends with a sentence
        }
    }

    /** Heard from the listener first, then from the trigger's result: handled once. */
    private void onCreated(Run run) {
        if (memo.runId() != null) {
            return;
        }
        memo.created(run, clock.millis());
        JobRef job = memo.job();
        if (state == State.TRIGGERING) {
            host.created(run);
            host.print(RunReport.queued(job, run));
            if (!host.waitForRun()) {
                succeed(run.toMap(job));
            } else if (run.status().isFinished()) {
                finish(run);
            } else {
                WaitOptions options = host.waitOptions();
                startWait(run.status(), options, options.initialInterval());
            }
        } else if (state == State.SHUT_DOWN) {
            LOGGER.log(Level.INFO, "Ish CD run {0} of {1} was created during a shutdown; it is kept for the resume",
                    new Object[] {run.id(), job});
        } else {
            // Stopped (or ended otherwise) while the POST was under way: nothing else will report this run.
            host.created(run);
            host.print(RunReport.queued(job, run));
            host.print(RunReport.stillRunning(job, run.id()));
        }
    }

    /** @param restarted after a restart (spread first polls), or a new wait for an existing run (poll at once) */
    private void onResume(boolean restarted) {
        if (state != State.RESUMING) {
            return;
        }
        JobRef job = memo.job();
        String runId = memo.runId();
        if (runId == null) {
            end(State.FINISHED);
            host.failed(memo.triggerSent() ? RunReport.restartedWhileTriggering(job)
                    : RunReport.restartedBeforeTrigger(job));
            return;
        }
        Run last = new Run(runId, memo.lastStatus(), 0, null, null, null);
        host.resumed(last);
        if (!host.waitForRun()) {
            succeed(last.toMap(job)); // the same keys as before the restart
            return;
        }
        host.print(restarted ? RunReport.waitingAgain(job, runId) : RunReport.waitingFor(job, runId));
        if (connect()) {
            // null: waits resumed together spread their first polls
            startWait(lastKnown(), host.waitOptions(), restarted ? null : Duration.ZERO);
        }
    }

    private void startWait(RunStatus known, WaitOptions options, Duration firstPoll) {
        int w = ++wait;
        CompletableFuture<Run> waiting = client.waitForAsync(memo.job(), memo.runId(), known, firstPoll, options,
                new Events(w));
        call = waiting;
        state = State.WAITING;
        reporter.started();
        waiting.whenComplete((run, error) -> post(() -> onWaitEnd(w, run, error)));
    }

    private void onWaitEnd(int w, Run run, Throwable error) {
        if (state != State.WAITING || w != wait) {
            return; // stopped, shut down, or a wait that was replaced
        }
        if (error == null) {
            finish(run);
        } else if (Failures.unwrap(error) instanceof AuthenticationException && reporter.lookUpTokenAgain()) {
            if (connect()) {
                startWait(lastKnown(), host.waitOptions(), Duration.ZERO);
            }
        } else {
            fail(error);
        }
    }

    private void onStop(Throwable cause) {
        JobRef job = memo.job();
        switch (state) {
            case STARTING:
                break; // nothing was sent
            case TRIGGERING:
                host.print(RunReport.triggerInterrupted(job));
                break;
            case RESUMING:
            case WAITING:
                host.print(RunReport.stillRunning(job, memo.runId()));
                break;
            default:
                return; // ended already, and the host heard how
        }
        end(State.STOPPED);
        host.stopped(cause);
    }

    private void onShutDown() {
        if (state.ordinal() < State.FINISHED.ordinal()) {
            end(State.SHUT_DOWN);
        }
        shutDown.complete(null);
    }

    // ---- helpers, on the life's thread ----

    /** @return whether a client is there; if not, the life ended with the host's sentence */
    private boolean connect() {
        try {
            IshCdClient c = host.connect();
            String url = c.baseUrl().toString();
            String before = memo.baseUrl();
            if (before != null && !before.equals(url) && memo.runId() != null) {
                host.print(RunReport.apiUrlChanged(memo.job(), memo.runId(), before, url));
            }
            memo.baseUrl(url);
            client = c;
            return true;
        } catch (Exception e) {
            fail(e);
            return false;
        }
    }

    private RunStatus lastKnown() {
        RunStatus s = RunStatus.fromWire(memo.lastStatus());
        return s == RunStatus.UNKNOWN ? null : s;
    }

    private void finish(Run run) {
        memo.lastStatus(run.rawStatus());
        Object value = host.finished(run);
        if (run.status() == RunStatus.ERROR && host.propagate()) {
            end(State.FINISHED);
            host.failed(RunReport.endedInError(memo.job(), run));
        } else {
            succeed(value);
        }
    }

    private void succeed(Object value) {
        end(State.FINISHED);
        host.succeeded(value);
    }

    private void fail(Throwable error) {
        end(State.FINISHED);
        host.failed(sentence(Failures.unwrap(error)));
    }

    private String sentence(Throwable e) {
        boolean own = e instanceof IshCdException || e instanceof IllegalArgumentException
                || !(e instanceof RuntimeException) && !(e instanceof Error) && e.getMessage() != null;
        if (own) {
            return RunReport.withRunId(e.getMessage(), memo.runId());
        }
        LOGGER.log(Level.WARNING, "Unexpected failure of an Ish CD run of " + memo.job(), e);
        return RunReport.unexpected(memo.job(), memo.runId(), memo.triggerSent(), e);
    }

    /** Ends the life; a trigger or wait still under way is cancelled (a POST already sent still reports its run). */
    private void end(State end) {
        state = end;
        if (call != null) {
            call.cancel(false);
        }
        request = null;
        client = null;
        call = null;
    }

    /** Posts an event; one that throws ends the life with a sentence instead of leaving it hanging. */
    private void post(Runnable event) {
        inbox.post(() -> {
            try {
                event.run();
            } catch (RuntimeException e) {
                if (state.ordinal() >= State.FINISHED.ordinal()) {
                    throw e;
                }
                fail(e);
            }
        });
    }

    /** Turns the client's calls, on its events thread, into events of this life; never blocks. */
    private final class Events implements RunListener {
        private final int wait;

        Events(int wait) {
            this.wait = wait;
        }

        private void ofThisWait(Runnable event) {
            post(() -> {
                if (state == State.WAITING && wait == RunLife.this.wait) {
                    event.run(); // else from a wait that was stopped or replaced
                }
            });
        }

        @Override
        public void onTriggered(JobRef job, Run run) {
            post(() -> onCreated(run));
        }

        @Override
        public void onStatusChanged(JobRef job, Run run, RunStatus previous) {
            ofThisWait(() -> reporter.statusChanged(run));
        }

        @Override
        public void onPollFailed(JobRef job, String runId, IshCdException failure, int n, Duration retryIn) {
            String line = RunReport.pollFailed(job, runId, failure, n, retryIn);
            ofThisWait(() -> reporter.pollFailed(line));
        }

        @Override
        public void onPollScheduled(JobRef job, String runId, Duration nextPollIn) {
            ofThisWait(reporter::pollScheduled);
        }
    }
}
