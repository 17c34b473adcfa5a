package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.Result;
import hudson.model.StringParameterValue;
import java.util.List;
import java.util.Map;
import javaposse.jobdsl.plugin.ExecuteDslScripts;
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

/**
 * Jobs written with Job DSL (the job-dsl plugin's seed build step): a Pipeline job whose script uses
 * {@code ishRun}, and a freestyle job with the build step through the dynamic DSL.
 */
@WithJenkins
class IshRunJobDslTest {

    /** Shown as is in docs/configuration-as-code.md ({@link #theDocsShowThisSeedScript}). */
    static final String SEED = """
            pipelineJob('deploy-pipeline') {
                parameters {
                    stringParam('BRANCH', 'main')
                }
                definition {
                    cps {
                        script("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: params.BRANCH]")
                        sandbox()
                    }
                }
            }

            freeStyleJob('deploy-freestyle') {
                parameters {
                    stringParam('BRANCH', 'main')
                }
                steps {
                    ishRunBuilder {
                        project('my-corp')
                        job('deploy')
                        env {
                            ishEnvVariable {
                                name('BRANCH')
                                value('${BRANCH}')
                            }
                        }
                        timeout(30)
                    }
                }
            }
            """;

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

    @Test
    void theDocsShowThisSeedScript() throws Exception {
        DocSnippets.assertShownIn(SEED, "docs/configuration-as-code.md");
    }

    @Test
    void aSeedJobCreatesBothJobsAndTheyRun() throws Exception {
        FreeStyleProject seed = j.createFreeStyleProject("seed");
        ExecuteDslScripts dsl = new ExecuteDslScripts();
        dsl.setUseScriptText(true);
        dsl.setScriptText(SEED);
        seed.getBuildersList().add(dsl);
        j.buildAndAssertSuccess(seed);

        WorkflowJob pipeline = j.jenkins.getItemByFullName("deploy-pipeline", WorkflowJob.class);
        assertNotNull(pipeline, "the seed created deploy-pipeline");
        CpsFlowDefinition definition = (CpsFlowDefinition) pipeline.getDefinition();
        assertEquals("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: params.BRANCH]", definition.getScript());
        assertTrue(definition.isSandbox());

        FreeStyleProject freestyle = j.jenkins.getItemByFullName("deploy-freestyle", FreeStyleProject.class);
        assertNotNull(freestyle, "the seed created deploy-freestyle");
        IshRunBuilder step = freestyle.getBuildersList().get(IshRunBuilder.class);
        assertNotNull(step, "deploy-freestyle has the Ish CD build step");
        assertEquals("my-corp", step.getProject());
        assertEquals("deploy", step.getJob());
        assertEquals(
                List.of("BRANCH=${BRANCH}"),
                step.getEnv().stream()
                        .map(v -> v.getName() + "=" + v.getValue())
                        .toList());
        assertEquals(30, step.getTimeout());

        WorkflowRun p = pipeline.scheduleBuild2(0, branch("release-7")).waitForStart();
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(p));
        assertEquals(Map.of("BRANCH", "release-7"), ish.ish.runs().get(0).env());
        j.assertLogContains("deploying release-7", p);

        var f = freestyle.scheduleBuild2(0, branch("release-8"));
        ish.finishAfterTrigger(2);
        FreeStyleBuild b = j.assertBuildStatusSuccess(f);
        assertEquals(Map.of("BRANCH", "release-8"), ish.ish.runs().get(1).env());
        j.assertLogContains("Ish CD run " + ish.ish.runs().get(1).id() + " of my-corp/deploy completed in 26 s.", b);
    }

    @Test
    void aBuildStepWithoutItsJobFailsTheSeedNamingIt() throws Exception {
        FreeStyleProject seed = j.createFreeStyleProject("seed");
        ExecuteDslScripts dsl = new ExecuteDslScripts();
        dsl.setUseScriptText(true);
        dsl.setScriptText("freeStyleJob('half') { steps { ishRunBuilder { project('my-corp') } } }");
        seed.getBuildersList().add(dsl);
        FreeStyleBuild b = j.buildAndAssertStatus(Result.FAILURE, seed);
        j.assertLogContains("the following options are required and must be specified: job", b);
        assertNull(j.jenkins.getItem("half"));
    }

    private static ParametersAction branch(String value) {
        return new ParametersAction(new StringParameterValue("BRANCH", value));
    }
}
