package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunLife;
import io.jenkins.plugins.ishcd.client.RunMemo;
import io.jenkins.plugins.ishcd.client.RunRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The freestyle build step's side of a run's {@link RunLife}, the same machine as the Pipeline
 * step's: the executor's thread only waits for the life's end. An abort (the thread interrupted)
 * becomes {@link RunLife#stop}, which says what goes on in Ish CD before the build ends aborted.
 */
final class IshRunFreestyle extends IshRunHost {
    /** How long an aborted build waits for the life to say what goes on. */
    static final long STOP_SECONDS = 10;

    private final Run<?, ?> build;
    private final TaskListener listener;
    private final CompletableFuture<Object> end = new CompletableFuture<>();

    private IshRunFreestyle(JobRef job, IshRunSettings settings, Run<?, ?> build, TaskListener listener) {
        super(job, settings);
        this.build = build;
        this.listener = listener;
    }

    /**
     * Triggers the run of {@code spec}, with {@code ${VAR}} expanded from {@code vars} in project,
     * job and variable values, and waits as it says.
     *
     * @throws AbortException with one sentence when the run cannot be triggered, ends in error
     *     (with propagate) or the wait fails
     * @throws InterruptedException when the build was aborted; the console says what goes on
     */
    static void perform(
            @NonNull IshRunSpec spec, @NonNull Run<?, ?> build, @NonNull EnvVars vars, @NonNull TaskListener listener)
            throws IOException, InterruptedException {
        JobRef job;
        RunRequest request;
        try {
            job = JobRef.of(vars.expand(spec.getProject()), vars.expand(spec.getJob()));
            request = RunRequest.of(job, IshEnvVariable.toMap(spec.getEnv(), vars::expand));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        IshRunSettings settings =
                IshRunSettings.of(spec, build.getParent(), IshCdConfiguration.get(), System.currentTimeMillis());
        IshRunFreestyle host = new IshRunFreestyle(job, settings, build, listener);
        RunLife life = RunLife.trigger(RunMemo.of(job), request, host, IshCdThreads.background(), Clock.systemUTC());
        try {
            host.end.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io
                    ? io
                    : new AbortException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            life.stop(e);
            try {
                host.end.get(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException stopped) {
                // stopped: the life said what goes on, or the build ends without waiting longer
            }
            throw e;
        }
    }

    @Override
    Run<?, ?> lookUpBuild() {
        return build;
    }

    @Override
    TaskListener lookUpListener() {
        return listener;
    }

    @Override
    void recorded(int number) {
        // A freestyle build does not survive a restart: nothing to keep.
    }

    @Override
    int recordNumber() {
        return 0;
    }

    @Override
    public void succeeded(Object value) {
        end.complete(value);
    }

    @Override
    public void failed(@NonNull String sentence) {
        end.completeExceptionally(new AbortException(sentence));
    }

    @Override
    public void stopped(@NonNull Throwable cause) {
        end.completeExceptionally(cause);
    }
}
