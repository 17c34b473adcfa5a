package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Ish CD: run job" for freestyle projects: the same fields, meaning and state machine as
 * {@code ishRun} ({@link IshRunFreestyle}), with {@code ${VAR}} expanded from the build's environment
 * in project, job and variable values. A freestyle build step runs on the executor's thread, so it
 * holds it while waiting and does not survive a restart; Pipeline's {@code ishRun} does both.
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
    private String expectedDuration;

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
        this.env = IshEnvVariable.listOf(env);
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

    @CheckForNull
    @Override
    public String getExpectedDuration() {
        return expectedDuration;
    }

    @DataBoundSetter
    public void setExpectedDuration(@CheckForNull String expectedDuration) {
        this.expectedDuration = Util.fixEmptyAndTrim(expectedDuration);
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
        IshRunFreestyle.perform(this, build, vars, listener);
    }

    /** The fields whose help is the step's; "wait" has its own, as waiting holds the executor here. */
    private static final String SHARED_HELP =
            "project job env credentialsId propagate printLog timeout initialPollSeconds maxPollSeconds"
                    + " expectedDuration";

    /** Shares the step's view ({@code IshRunStep/config.jelly}) and help. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        public DescriptorImpl() {
            for (String field : SHARED_HELP.split(" ")) {
                addHelpFileRedirect(field, IshRunStep.class, field);
            }
        }

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
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return IshRunForms.checkCredentialsId(item, value);
        }

        public FormValidation doCheckExpectedDuration(@QueryParameter String value) {
            return IshRunForms.checkExpectedDuration(value);
        }
    }
}
