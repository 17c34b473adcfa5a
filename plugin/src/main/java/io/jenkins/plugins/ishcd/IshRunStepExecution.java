package io.jenkins.plugins.ishcd;

import com.google.common.util.concurrent.ListenableFuture;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunReport;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.RunStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The durable wait of {@code ishRun}. {@link #start()} does no I/O: the credential lookup happens
 * on a background thread, the trigger and every poll on the client's scheduler, so no executor and
 * no thread is held between polls. The run id is saved with the program as soon as it is known;
 * after a restart {@link #onResume()} polls the same run again and never triggers a second one.
 * The token is looked up each time it is needed and is never a field.
 */
public final class IshRunStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(IshRunStepExecution.class.getName());

    /** Only used by {@link #start()}: its env values may be secrets and are not saved. */
    private final transient IshRunStep step;

    private JobRef job;
    private IshRunSettings settings;
    private volatile String runId;
    private volatile String lastStatus;
    /** The run's number on the build page ({@link IshRunAction}), 0 before it is known. */
    private int recordNumber;

    private transient IshRunRecord record;

    /** Executions triggering or waiting in this JVM, so that shutdown can stop their polls. */
    private static final Set<IshRunStepExecution> ACTIVE = ConcurrentHashMap.newKeySet();

    /** The client call in progress: the trigger, then the wait. Cancelled by {@link #stop}. */
    private transient volatile CompletableFuture<?> pending;

    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "false is right after a restart: the step runs again")
    private transient volatile boolean done;
    /** Set on shutdown: from then on this object belongs to a Jenkins that is gone and touches nothing. */
    private transient volatile boolean shutDown;

    IshRunStepExecution(@NonNull IshRunStep step, @NonNull StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() throws Exception {
        RunRequest request;
        try {
            job = JobRef.of(step.getProject(), step.getJob());
            request = RunRequest.of(job, IshEnvVariable.toMap(step.getEnv(), v -> v));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        settings = IshRunSettings.of(step, IshCdConfiguration.get(), System.currentTimeMillis());
        ACTIVE.add(this);
        IshCdThreads.background().execute(() -> trigger(request));
        return false;
    }

    private void trigger(RunRequest request) {
        try {
            Run<?, ?> build = getContext().get(Run.class);
            IshCdClient client = client(build);
            TaskListener listener = listener();
            synchronized (this) {
                if (done) {
                    return;
                }
                // stop() cancels this future, so no attempt is sent after an abort; a POST already
                // under way still reports its run to the listener, so its id is never lost.
                CompletableFuture<io.jenkins.plugins.ishcd.client.Run> sent =
                        client.triggerAsync(request, new RunListener() {
                            @Override
                            public void onTriggered(JobRef j, io.jenkins.plugins.ishcd.client.Run run) {
                                created(build, run, listener);
                            }
                        });
                pending = sent;
                sent.thenAcceptAsync(run -> triggered(client, build, run, listener), IshCdThreads.background())
                        .whenComplete((v, x) -> {
                            if (x != null) {
                                fail(x);
                            }
                        });
            }
        } catch (Exception e) {
            fail(e);
        }
    }

    /**
     * On the client's thread, as soon as the run exists: keeps its id, so that a program saved from
     * now on (even by a shutdown under way) resumes it. After a stop, no other code will report the
     * run, so it is recorded and named here.
     */
    private void created(Run<?, ?> build, io.jenkins.plugins.ishcd.client.Run run, TaskListener listener) {
        runId = run.id();
        lastStatus = run.rawStatus();
        if (done && !shutDown) {
            IshCdThreads.background().execute(() -> {
                IshRunAction.of(build).add(job, run);
                listener.getLogger().println(RunReport.queued(job, run));
                listener.getLogger().println(RunReport.stillRunning(job, run.id()));
                LOGGER.log(Level.INFO, "Ish CD run {0} of {1} was created after its step was stopped", new Object[] {
                    run.id(), job
                });
            });
        }
    }

    private void triggered(
            IshCdClient client, Run<?, ?> build, io.jenkins.plugins.ishcd.client.Run run, TaskListener listener) {
        if (shutDown) {
            // This Jenkins is going away; the run id is in the execution, and the next one resumes it.
            LOGGER.log(
                    Level.INFO, "Ish CD run {0} of {1} was created while Jenkins shut down", new Object[] {run.id(), job
                    });
            return;
        }
        IshRunAction action = IshRunAction.of(build);
        record = action.add(job, run);
        recordNumber = record.getNumber();
        awaitSaved(getContext().saveState());
        listener.getLogger().println(RunReport.queued(job, run));
        if (done) {
            listener.getLogger().println(RunReport.stillRunning(job, runId));
            return;
        }
        if (!settings.waitForRun()) {
            succeed(run.toMap());
            return;
        }
        waitFor(client, build, action, run.status(), listener);
    }

    /** Waits until the run id is on disk, so a restart from now on resumes instead of failing. */
    private static void awaitSaved(ListenableFuture<Void> saved) {
        try {
            saved.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not save the Ish CD run id with the Pipeline", e);
        }
    }

    private void waitFor(
            IshCdClient client, Run<?, ?> build, IshRunAction action, RunStatus known, TaskListener listener) {
        IshRunConsole console = new IshRunConsole(listener, action, record, r -> lastStatus = r.rawStatus());
        synchronized (this) {
            if (done) {
                return;
            }
            CompletableFuture<io.jenkins.plugins.ishcd.client.Run> waiting =
                    client.waitForAsync(job, runId, known, settings.waitOptions(System.currentTimeMillis()), console);
            // Keep the client's own future: cancelling it is what stops the polls.
            pending = waiting;
            waiting.whenCompleteAsync(
                    (run, x) -> {
                        if (x != null) {
                            fail(x);
                            return;
                        }
                        lastStatus = run.rawStatus();
                        Map<String, Object> map = IshRunReporter.finished(listener, action, record, job, run, settings);
                        AbortException failure = IshRunReporter.failureOf(job, run, settings.propagate());
                        if (failure != null) {
                            fail(failure);
                        } else {
                            succeed(map);
                        }
                    },
                    IshCdThreads.background());
        }
    }

    /**
     * On shutdown the program is saved with the run id; the polls of this JVM stop here and
     * {@link #onResume()} starts them again in the next one.
     */
    @Terminator
    public static void stopPollingOnShutdown() {
        for (IshRunStepExecution execution : ACTIVE) {
            execution.shutDown = true;
            CompletableFuture<?> p = execution.pending;
            if (p != null) {
                p.cancel(true);
            }
        }
        ACTIVE.clear();
    }

    @Override
    public void onResume() {
        if (job == null || done) {
            return;
        }
        if (runId == null) {
            // The restart came while the trigger was in flight: the run may or may not exist.
            fail(new AbortException(Messages.IshRunStepExecution_Restarted(RunReport.triggerInterrupted(job))));
            return;
        }
        IshCdThreads.background().execute(this::resume);
    }

    private void resume() {
        ACTIVE.add(this);
        try {
            Run<?, ?> build = getContext().get(Run.class);
            TaskListener listener = listener();
            listener.getLogger().println(Messages.IshRunStepExecution_Resuming(runId, job.toString()));
            IshCdClient client = client(build);
            IshRunAction action = IshRunAction.of(build);
            record = action.record(recordNumber, job, runId, lastStatus);
            if (!settings.waitForRun()) {
                // The same six keys as before the restart; what only the trigger's answer held is empty.
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("id", runId);
                map.put("status", lastStatus == null ? "" : lastStatus);
                map.put("duration", 0L);
                map.put("created", null);
                map.put("changed", null);
                map.put("log", "");
                succeed(map);
                return;
            }
            waitFor(client, build, action, lastStatus == null ? null : RunStatus.fromWire(lastStatus), listener);
        } catch (Exception e) {
            fail(e);
        }
    }

    private IshCdClient client(Run<?, ?> build) throws AbortException {
        String token = IshCdCredentials.token(build, settings.credentialsId(), settings.baseUrl());
        return IshCdClients.create(settings.baseUrl(), token);
    }

    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        CompletableFuture<?> p;
        synchronized (this) {
            done = true;
            p = pending;
        }
        ACTIVE.remove(this);
        if (p != null) {
            p.cancel(true);
        }
        TaskListener listener = listener();
        if (runId != null) {
            listener.getLogger().println(RunReport.stillRunning(job, runId));
        } else if (job != null) {
            listener.getLogger().println(RunReport.triggerInterrupted(job));
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        if (job == null) {
            return "not started";
        }
        if (runId == null) {
            return "triggering Ish CD job " + job;
        }
        return "waiting for Ish CD run " + runId + " of " + job + " ("
                + (lastStatus == null ? "status unknown" : lastStatus) + ")";
    }

    private TaskListener listener() {
        try {
            return getContext().get(TaskListener.class);
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, "No console for the Ish CD step", e);
            return TaskListener.NULL;
        }
    }

    private void succeed(Object result) {
        ACTIVE.remove(this);
        if (shutDown) {
            return;
        }
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        getContext().onSuccess(result);
    }

    private void fail(Throwable x) {
        if (shutDown || IshRunReporter.isCancellation(x)) {
            return; // Jenkins is shutting down, or stop() ended the step already
        }
        ACTIVE.remove(this);
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        getContext().onFailure(IshRunReporter.toUserFailure(x, runId));
    }
}
