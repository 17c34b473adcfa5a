package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.ishcd.client.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code ishWait run: r}, r being the map {@code ishRun wait: false} returned, or {@code ishWait project:
 * 'my-corp', job: 'backup', runId: id}: waits for a run that exists already, with the semantics of
 * {@code ishRun} (propagate, printLog, timeout, poll intervals, expected duration, restart survival,
 * stop; the same {@link IshRunStepExecution}), and returns the same map. It never triggers a run.
 */
public final class IshWaitStep extends IshStep {

    private final String runId;

    /**
     * @param project the run's project
     * @param job the run's job
     * @param runId the id Ish CD gave the run; blank ones are refused with a sentence when the step starts
     */
    @DataBoundConstructor
    public IshWaitStep(String project, String job, String runId) {
        super(project, job);
        this.runId = Util.fixNull(runId).trim();
    }

    public String getRunId() {
        return runId;
    }

    /** @return none: the run has its variables already */
    @NonNull
    @Override
    public List<IshEnvVariable> getEnv() {
        return List.of();
    }

    /** @return true: waiting is what this step is for */
    @Override
    public boolean isWait() {
        return true;
    }

    /** @throws AbortException naming what is missing: the map {@code ishRun} returned, or project, job and run id */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        List<String> missing = new ArrayList<>();
        if (getProject().isEmpty()) {
            missing.add("project");
        }
        if (getJob().isEmpty()) {
            missing.add("job");
        }
        if (runId.isEmpty()) {
            missing.add("runId");
        }
        if (!missing.isEmpty()) {
            throw new AbortException("ishWait needs the run to wait for: give run: with the map ishRun returned,"
                    + " or project, job and runId (" + String.join(", ", missing) + " missing).");
        }
        return new IshRunStepExecution(this, runId, context);
    }

    @Extension
    public static final class DescriptorImpl extends IshStepDescriptor implements CustomDescribableModel {

        // The shared fields' help is IshStep's (help-*.html): Jenkins looks for it in the superclasses too.

        @Override
        public String getFunctionName() {
            return "ishWait";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.IshWaitStep_DisplayName();
        }

        /**
         * {@code run: r} becomes {@code project}, {@code job} and {@code runId} from the map {@code ishRun}
         * returned (what is given by name wins); {@code run: 'id'} is the run id. Never throws: a missing
         * part is refused with a sentence when the step starts.
         */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            Map<String, Object> copy = IshRunArguments.expectedDurationAsText(arguments);
            if (!copy.containsKey("run")) {
                return copy;
            }
            copy = new LinkedHashMap<>(copy);
            Object run = copy.remove("run");
            if (run instanceof Map<?, ?> map) {
                putIfAbsent(copy, "project", map.get("project"));
                putIfAbsent(copy, "job", map.get("job"));
                putIfAbsent(copy, "runId", map.get("id"));
            } else {
                putIfAbsent(copy, "runId", run);
            }
            return copy;
        }

        private static void putIfAbsent(Map<String, Object> arguments, String name, Object value) {
            if (value != null && !arguments.containsKey(name)) {
                arguments.put(name, String.valueOf(value));
            }
        }

        /** {@code my-corp/backup run 3abed1d7-...}: the run it waits for. */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Map<String, Object> named = customInstantiate(namedArgs);
            String job = IshRunArguments.label(named);
            return job == null ? null : job + " run " + RunReport.printable(String.valueOf(named.get("runId")));
        }
    }
}
