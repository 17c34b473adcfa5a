package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.ParametersAction;
import hudson.model.Result;
import hudson.model.StringParameterValue;
import io.jenkins.plugins.ishcd.emulator.EmulatedRun;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step in Declarative Pipeline (pipeline-model-definition): the pipeline docs/pipeline.md and README.md show. */
@WithJenkins
class IshRunDeclarativeTest {

    /** Shown as is in docs/pipeline.md and README.md ({@link #theDocsShowThisPipeline}). */
    static final String PIPELINE = """
            pipeline {
                agent none                                // ishRun holds no executor while it waits
                parameters {
                    string(name: 'BRANCH', defaultValue: 'main')
                }
                options {
                    timeout(time: 1, unit: 'HOURS')       // then ABORTED; the run goes on in Ish CD
                }
                stages {
                    stage('Deploy') {
                        steps {
                            ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: params.BRANCH]
                        }
                    }
                    stage('Smoke test') {
                        steps {
                            script {
                                def run = ishRun project: 'my-corp', job: 'smoke-test', env: [BRANCH: params.BRANCH],
                                                 propagate: false
                                if (run.status == 'error') {
                                    unstable "The smoke test failed: see Ish CD run ${run.id}"
                                }
                                echo "Smoke test: Ish CD run ${run.id} ended '${run.status}' after ${run.duration} s"
                            }
                        }
                    }
                }
                post {
                    failure {
                        echo 'The deploy failed: its Ish CD run is on the build page, under Ish CD runs'
                    }
                }
            }
            """;

    private static final String FAILURE_POST = "The deploy failed: its Ish CD run is on the build page";

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private IshCdTestSupport ish;
    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        ish = new IshCdTestSupport();
        ish.configure(j);
    }

    @AfterEach
    void tearDown() {
        ish.close();
    }

    private WorkflowRun start(String script, String branch) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p.scheduleBuild2(0, new ParametersAction(new StringParameterValue("BRANCH", branch)))
                .waitForStart();
    }

    @Test
    void theDocsShowThisPipeline() throws Exception {
        DocSnippets.assertShownIn(PIPELINE, "docs/pipeline.md", "README.md");
    }

    @Test
    void envInStepsAndTheReturnedMapInScript() throws Exception {
        WorkflowRun b = start(PIPELINE, "release-7");
        ish.finishAfterTrigger(1);
        ish.finishAfterTrigger(2);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        List<EmulatedRun> runs = ish.ish.runs();
        assertEquals(2, runs.size());
        assertEquals(Map.of("BRANCH", "release-7"), runs.get(0).env());
        assertEquals(Map.of("BRANCH", "release-7"), runs.get(1).env());
        j.assertLogContains("deploying release-7", b);
        j.assertLogContains("Ish CD run " + runs.get(0).id() + " of my-corp/deploy completed in 26 s.", b);
        j.assertLogContains("Smoke test: Ish CD run " + runs.get(1).id() + " ended 'complete' after 4 s", b);
        j.assertLogNotContains(FAILURE_POST, b);
        assertEquals(
                List.of(runs.get(0).id(), runs.get(1).id()),
                b.getAction(IshRunAction.class).getRuns().stream()
                        .map(IshRunRecord::getRunId)
                        .toList());
    }

    @Test
    void anErrorRunReadInScriptMakesTheBuildUnstable() throws Exception {
        WorkflowRun b = start(PIPELINE, "main");
        IshCdTestSupport.await(() -> ish.posts() >= 1);
        ish.ish.faults().outcomeNext(Outcome.ERROR, 1); // the next run created, the smoke test's
        ish.finishAfterTrigger(1);
        ish.finishAfterTrigger(2);
        j.assertBuildStatus(Result.UNSTABLE, j.waitForCompletion(b));
        String smoke = ish.ish.runs().get(1).id();
        j.assertLogContains("The smoke test failed: see Ish CD run " + smoke, b);
        j.assertLogContains("Smoke test: Ish CD run " + smoke + " ended 'error' after 4 s", b);
        j.assertLogNotContains(FAILURE_POST, b);
    }

    @Test
    void anErrorRunInStepsFailsTheBuildAndRunsPostFailure() throws Exception {
        ish.ish.faults().outcomeNext(Outcome.ERROR, 1);
        WorkflowRun b = start(PIPELINE, "main");
        ish.finishAfterTrigger(1);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));

        String id = ish.ish.runs().get(0).id();
        String log = JenkinsRule.getLog(b);
        String ended = "Ish CD run " + id + " of my-corp/deploy ended in error after 26 s.";
        assertTrue(log.contains(ended), log);
        assertTrue(log.indexOf(FAILURE_POST) > log.indexOf(ended), "post { failure } ran after the run ended:\n" + log);
        j.assertLogContains("Stage \"Smoke test\" skipped due to earlier failure(s)", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(1, ish.posts(), "the smoke test was not triggered");
    }

    @Test
    void optionsTimeoutEndsTheBuildAbortedAndNamesTheRun() throws Exception {
        // The docs' pipeline with a timeout a test can wait for; the emulator's clock stands still, so the
        // deploy stays running until then.
        String script = PIPELINE.replace("timeout(time: 1, unit: 'HOURS')", "timeout(time: 5, unit: 'SECONDS')");
        assertNotEquals(PIPELINE, script);
        WorkflowRun b = start(script, "main");
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));

        String id = ish.ish.runs().get(0).id();
        j.assertLogContains("Cancelling nested steps due to timeout", b);
        j.assertLogContains(
                "Stopped waiting for Ish CD run " + id
                        + " of my-corp/deploy. The run goes on in Ish CD, which has no way to cancel it.",
                b);
        j.assertLogNotContains(FAILURE_POST, b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(1, ish.posts());
        assertEquals(id, b.getAction(IshRunAction.class).getRuns().get(0).getRunId());
    }
}
