package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: env.BRANCH_NAME]}: triggers an Ish
 * CD job run, waits for it without holding an executor or a thread ({@link IshRunStepExecution}),
 * prints its log and returns it as a map ({@code project}, {@code job}, {@code id}, {@code status},
 * {@code duration}, {@code created}, {@code changed}, {@code log}). The fields mean what
 * {@link IshRunSpec} says; {@code ishWait} waits for a run that {@code wait: false} left going.
 */
public final class IshRunStep extends IshStep {

    private List<IshEnvVariable> env = new ArrayList<>();
    private boolean wait = true;

    @DataBoundConstructor
    public IshRunStep(String project, String job) {
        super(project, job);
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

    @Override
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new IshRunStepExecution(this, null, context);
    }

    @Extension
    public static final class DescriptorImpl extends IshStepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return "ishRun";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IshRunStep_DisplayName();
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
    }
}
