package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunReport;
import io.jenkins.plugins.ishcd.client.RunRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Ish CD: run job" for freestyle projects: the same fields and meaning as {@code ishRun}, with
 * {@code ${VAR}} expanded from the build's environment in project, job and variable values.
 * A freestyle build step runs on the executor's thread, so it blocks while waiting; Pipeline's
 * {@code ishRun} does not.
 */
public final class IshRunBuilder extends Builder implements SimpleBuildStep, IshRunSpec {

    private final String project;
    private final String job;
    private List<IshEnvVariable> env = new ArrayList<>();
    private String credentialsId;
    private boolean wait = true;
    private boolean propagate = true;
    private boolean printLog = true;
    private int timeout;
    private int initialPollSeconds;
    private int maxPollSeconds;

    @DataBoundConstructor
    public IshRunBuilder(String project, String job) {
        this.project = Util.fixNull(project).trim();
        this.job = Util.fixNull(job).trim();
    }

    @Override
    public String getProject() {
        return project;
    }

    @Override
    public String getJob() {
        return job;
    }

    @NonNull
    @Override
    public List<IshEnvVariable> getEnv() {
        return env;
    }

    @DataBoundSetter
    public void setEnv(@CheckForNull List<IshEnvVariable> env) {
        // A plain ArrayList: XStream writes it to config.xml without reflective access to the JDK's own lists.
        this.env = env == null ? new ArrayList<>() : new ArrayList<>(env);
    }

    @CheckForNull
    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    @Override
    public boolean isPrintLog() {
        return printLog;
    }

    @DataBoundSetter
    public void setPrintLog(boolean printLog) {
        this.printLog = printLog;
    }

    @Override
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    @Override
    public int getInitialPollSeconds() {
        return initialPollSeconds;
    }

    @DataBoundSetter
    public void setInitialPollSeconds(int initialPollSeconds) {
        this.initialPollSeconds = Math.max(0, initialPollSeconds);
    }

    @Override
    public int getMaxPollSeconds() {
        return maxPollSeconds;
    }

    @DataBoundSetter
    public void setMaxPollSeconds(int maxPollSeconds) {
        this.maxPollSeconds = Math.max(0, maxPollSeconds);
    }

    /** Works without a workspace or an agent: it only talks HTTP from the controller. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(@NonNull Run<?, ?> build, @NonNull EnvVars vars, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        JobRef ref;
        RunRequest request;
        try {
            ref = JobRef.of(vars.expand(project), vars.expand(job));
            request = RunRequest.of(ref, IshEnvVariable.toMap(env, vars::expand));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        IshRunSettings settings = IshRunSettings.of(this, IshCdConfiguration.get(), System.currentTimeMillis());
        String token = IshCdCredentials.token(build, settings.credentialsId(), settings.baseUrl());
        IshCdClient client;
        try {
            client = IshCdClients.create(settings.baseUrl(), token);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }

        IshRunAction action = IshRunAction.of(build);
        LateRun late = new LateRun(action, ref, listener);
        CompletableFuture<io.jenkins.plugins.ishcd.client.Run> sent = client.triggerAsync(request, late);
        io.jenkins.plugins.ishcd.client.Run triggered;
        try {
            triggered = sent.get();
        } catch (ExecutionException e) {
            throw abort(e, null);
        } catch (InterruptedException e) {
            sent.cancel(false); // no further attempt after an abort
            late.abandon();
            listener.getLogger().println(RunReport.triggerInterrupted(ref));
            throw e;
        }
        IshRunRecord record = action.add(ref, triggered);
        listener.getLogger().println(RunReport.queued(ref, triggered));
        if (!wait) {
            return;
        }

        CompletableFuture<io.jenkins.plugins.ishcd.client.Run> waiting = client.waitForAsync(
                ref,
                triggered.id(),
                triggered.status(),
                settings.waitOptions(System.currentTimeMillis()),
                new IshRunConsole(listener, action, record, r -> {}));
        io.jenkins.plugins.ishcd.client.Run finished;
        try {
            finished = waiting.get();
        } catch (ExecutionException e) {
            throw abort(e, triggered.id());
        } catch (InterruptedException e) {
            waiting.cancel(true);
            listener.getLogger().println(RunReport.stillRunning(ref, triggered.id()));
            throw e;
        }
        IshRunReporter.finished(listener, action, record, ref, finished, settings);
        AbortException failure = IshRunReporter.failureOf(ref, finished, propagate);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Records a run whose trigger answer came after the build stopped waiting for it (an abort while
     * the POST was under way), so that its id is never lost. Until then the build records it itself.
     */
    private static final class LateRun implements RunListener {
        private final IshRunAction action;
        private final JobRef job;
        private final TaskListener listener;
        private io.jenkins.plugins.ishcd.client.Run seen;
        private boolean abandoned;

        LateRun(IshRunAction action, JobRef job, TaskListener listener) {
            this.action = action;
            this.job = job;
            this.listener = listener;
        }

        @Override
        public void onTriggered(JobRef j, io.jenkins.plugins.ishcd.client.Run run) {
            synchronized (this) {
                seen = run;
                if (!abandoned) {
                    return;
                }
            }
            IshCdThreads.background().execute(() -> record(run)); // not on the client's shared threads
        }

        /** The build stops waiting: a run known already, or learned later, is recorded and named. */
        void abandon() {
            io.jenkins.plugins.ishcd.client.Run known;
            synchronized (this) {
                abandoned = true;
                known = seen;
            }
            if (known != null) {
                record(known);
            }
        }

        private void record(io.jenkins.plugins.ishcd.client.Run run) {
            action.add(job, run);
            listener.getLogger().println(RunReport.queued(job, run));
            listener.getLogger().println(RunReport.stillRunning(job, run.id()));
        }
    }

    private static IOException abort(ExecutionException e, @CheckForNull String runId) {
        Throwable failure = IshRunReporter.toUserFailure(e, runId);
        return failure instanceof IOException io ? io : new IOException(failure);
    }

    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @SuppressWarnings("rawtypes")
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IshRunBuilder_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return IshRunForms.fillCredentialsIdItems(item, credentialsId);
        }

        @POST
        public FormValidation doCheckProject(@AncestorInPath Item item, @QueryParameter String value) {
            return IshRunForms.checkRequired(item, value, "project");
        }

        @POST
        public FormValidation doCheckJob(@AncestorInPath Item item, @QueryParameter String value) {
            return IshRunForms.checkRequired(item, value, "job");
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return IshRunForms.checkCredentialsId(item, value);
        }
    }
}
