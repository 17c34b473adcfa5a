package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: env.BRANCH_NAME]}: triggers an Ish
 * CD job run, waits for it without holding an executor or a thread ({@link IshRunStepExecution}),
 * prints its log and returns it as a map ({@code id}, {@code status}, {@code duration}, {@code
 * created}, {@code changed}, {@code log}). The fields mean what {@link IshRunSpec} says.
 */
public final class IshRunStep extends Step implements IshRunSpec {

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
    public IshRunStep(String project, String job) {
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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new IshRunStepExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return "ishRun";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IshRunStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /** {@code env: [NAME: 'value']} in a Jenkinsfile becomes the list of {@link IshEnvVariable}s. */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return IshRunArguments.instantiate(arguments);
        }

        /** The Snippet Generator writes {@code env: [NAME: 'value']}, the form people type. */
        @NonNull
        @Override
        public UninstantiatedDescribable customUninstantiate(@NonNull UninstantiatedDescribable ud) {
            return IshRunArguments.uninstantiate(ud);
        }

        /** {@code my-corp/deploy (env: BRANCH, TAG)}: never the values, which may be secrets. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return IshRunArguments.label(namedArgs);
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
