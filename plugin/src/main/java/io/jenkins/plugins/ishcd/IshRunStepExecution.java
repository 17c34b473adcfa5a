package io.jenkins.plugins.ishcd;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunLife;
import io.jenkins.plugins.ishcd.client.RunMemo;
import io.jenkins.plugins.ishcd.client.RunRequest;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The durable wait of {@code ishRun} and {@code ishWait}: an adapter of the run's {@link RunLife},
 * the state machine that triggers (or, for {@code ishWait}, finds the run), waits, stops, shuts down
 * and resumes, one event at a time. {@link #start()} does
 * no I/O: the credential lookup, the trigger and every poll happen on the life's pool and the
 * client's scheduler, so no executor and no thread is held between polls. The {@link RunMemo}
 * (job, run id, last status) is saved with the program, and the program is saved as soon as the
 * run exists; after a restart {@link #onResume()} waits for the same run and never triggers a
 * second one. The token is looked up each time it is needed and is never a field.
 */
public final class IshRunStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(IshRunStepExecution.class.getName());

    /** Only used by {@link #start()}: its env values may be secrets and are not saved. */
    private final transient IshRunSpec step;
    /** The run {@code ishWait} waits for; null for {@code ishRun}, which triggers one. Only read by {@link #start()}. */
    private final String runId;

    private RunMemo memo;
    private IshRunSettings settings;
    /** The run's number on the build page ({@link IshRunAction}), 0 before it is known. */
    private volatile int recordNumber;

    private transient volatile RunLife life;

    /**
     * @param step the step's fields
     * @param runId the run to wait for ({@code ishWait}), or null to trigger one ({@code ishRun})
     * @param context the step's context
     */
    IshRunStepExecution(@NonNull IshRunSpec step, @CheckForNull String runId, @NonNull StepContext context) {
        super(context);
        this.step = step;
        this.runId = runId;
    }

    @Override
    public boolean start() throws Exception {
        JobRef job;
        RunRequest request = null;
        try {
            job = JobRef.of(step.getProject(), step.getJob());
            if (runId == null) {
                request = RunRequest.of(job, IshEnvVariable.toMap(step.getEnv(), v -> v));
            }
            settings = IshRunSettings.of(
                    step,
                    getContext().get(Run.class).getParent(),
                    IshCdConfiguration.get(),
                    System.currentTimeMillis());
            memo = request != null ? RunMemo.of(job) : RunMemo.ofRun(job, runId);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        life = request != null
                ? RunLife.trigger(memo, request, new Host(), IshCdThreads.background(), Clock.systemUTC())
                : RunLife.await(memo, new Host(), IshCdThreads.background(), Clock.systemUTC());
        return false;
    }

    @Override
    public void onResume() {
        life = RunLife.resume(memo, new Host(), IshCdThreads.background(), Clock.systemUTC());
    }

    /** Ends the wait with {@code cause} after saying that the run goes on; the life prints that once. */
    @Override
    public void stop(@NonNull Throwable cause) {
        RunLife l = life;
        if (l == null) {
            getContext().onFailure(cause);
        } else {
            l.stop(cause);
        }
    }

    /**
     * Jenkins is going away ({@link IshRunShutdown}): the wait stops in this JVM, touches nothing
     * more, and goes on from the memo after the restart.
     *
     * @return completes once the life has handled it
     */
    @NonNull
    CompletableFuture<Void> shutDown() {
        RunLife l = life;
        return l == null ? CompletableFuture.completedFuture(null) : l.shutDown();
    }

    /** A restart must wait while the trigger may be under way: its answer holds the run's id. */
    @Override
    public boolean blocksRestart() {
        RunLife l = life;
        return l != null && l.blocksRestart();
    }

    @Override
    public String getStatus() {
        RunLife l = life;
        return l != null ? l.status() : "not started";
    }

    /** Saves the program with the run's id now, so that even a crash resumes this run; never waited for. */
    private void saveNow() {
        Futures.addCallback(
                getContext().saveState(),
                new FutureCallback<Void>() {
                    @Override
                    public void onSuccess(Void result) {}

                    @Override
                    public void onFailure(@NonNull Throwable t) {
                        LOGGER.log(Level.WARNING, "Could not save the Ish CD run id with the Pipeline", t);
                    }
                },
                MoreExecutors.directExecutor());
    }

    /** The Pipeline's side of the life: its context delivers the end. */
    private final class Host extends IshRunHost {
        Host() {
            super(memo.job(), settings);
        }

        @Override
        Run<?, ?> lookUpBuild() throws Exception {
            return getContext().get(Run.class);
        }

        @Override
        TaskListener lookUpListener() throws Exception {
            return getContext().get(TaskListener.class);
        }

        @Override
        void recorded(int number) {
            recordNumber = number;
            saveNow();
        }

        @Override
        int recordNumber() {
            return recordNumber;
        }

        @Override
        public void succeeded(Object value) {
            getContext().onSuccess(value);
        }

        @Override
        public void failed(@NonNull String sentence) {
            getContext().onFailure(new AbortException(sentence));
        }

        @Override
        public void stopped(@NonNull Throwable cause) {
            getContext().onFailure(cause);
        }
    }
}
