package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code ishRun} and {@code ishWait} share: the job, the credential, and how the wait goes
 * (propagate, printLog, timeout, poll intervals, expected duration), with the meaning {@link IshRunSpec}
 * gives them. Public only because Jenkins binds the setters by reflection.
 */
public abstract class IshStep extends Step implements IshRunSpec {

    private final String project;
    private final String job;
    private String credentialsId;
    private boolean propagate = true;
    private boolean printLog = true;
    private int timeout;
    private int initialPollSeconds;
    private int maxPollSeconds;
    private String expectedDuration;

    IshStep(String project, String job) {
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

    /** The steps' shared form methods; each step needs the build and its console, no node. */
    public abstract static class IshStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
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
