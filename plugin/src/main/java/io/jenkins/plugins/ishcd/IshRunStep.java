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
import java.util.LinkedHashMap;
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
 * CD job run, waits for it without holding an executor or a thread, prints its log and returns it
 * as a map ({@code id}, {@code status}, {@code duration}, {@code created}, {@code changed}, {@code log}).
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

    /**
     * @param project the Ish CD project's machine name or ID
     * @param job the job's machine name or ID
     */
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

    /** @param env the run's variables; in a Jenkinsfile a map such as {@code [BRANCH: 'main']} */
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

    /** @param credentialsId a Secret text credential; empty for the global default */
    @DataBoundSetter
    public void setCredentialsId(@CheckForNull String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public boolean isWait() {
        return wait;
    }

    /** @param wait false to return as soon as the run is queued */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public boolean isPropagate() {
        return propagate;
    }

    /** @param propagate false to return a run that ended in {@code error} instead of failing */
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

    /** @param timeout minutes to wait at most; 0 waits as long as the run takes */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    @Override
    public int getInitialPollSeconds() {
        return initialPollSeconds;
    }

    /** @param initialPollSeconds seconds before the first poll; 0 for the global setting */
    @DataBoundSetter
    public void setInitialPollSeconds(int initialPollSeconds) {
        this.initialPollSeconds = Math.max(0, initialPollSeconds);
    }

    @Override
    public int getMaxPollSeconds() {
        return maxPollSeconds;
    }

    /** @param maxPollSeconds longest interval between polls; 0 for the global setting */
    @DataBoundSetter
    public void setMaxPollSeconds(int maxPollSeconds) {
        this.maxPollSeconds = Math.max(0, maxPollSeconds);
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
            Object env = arguments.get("env");
            if (!(env instanceof Map<?, ?> map)) {
                return arguments;
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (e.getValue() == null) {
                    throw new IllegalArgumentException(Messages.IshRunStep_NullValue(name));
                }
                list.add(Map.of("name", name, "value", String.valueOf(e.getValue())));
            }
            Map<String, Object> copy = new LinkedHashMap<>(arguments);
            copy.put("env", list);
            return copy;
        }

        /** The Snippet Generator writes {@code env: [NAME: 'value']}, the form people type. */
        @NonNull
        @Override
        public UninstantiatedDescribable customUninstantiate(@NonNull UninstantiatedDescribable ud) {
            Object env = ud.getArguments().get("env");
            if (!(env instanceof List<?> list)) {
                return ud;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Object element : list) {
                if (!(element instanceof UninstantiatedDescribable variable)) {
                    return ud;
                }
                map.put(String.valueOf(variable.getArguments().get("name")), Util.fixNull((String)
                        variable.getArguments().get("value")));
            }
            Map<String, Object> arguments = new LinkedHashMap<>(ud.getArguments());
            if (map.isEmpty()) {
                arguments.remove("env");
            } else {
                arguments.put("env", map);
            }
            return ud.withArguments(arguments);
        }

        /** {@code my-corp/deploy (env: BRANCH, TAG)}: never the values, which may be secrets. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return IshRunForms.label(namedArgs);
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
