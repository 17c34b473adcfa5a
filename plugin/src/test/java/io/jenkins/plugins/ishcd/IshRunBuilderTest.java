package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IshRunBuilderTest {

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

    private FreeStyleProject project(IshRunBuilder builder) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        p.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("TARGET", "deploy"), new StringParameterDefinition("BRANCH", "main")));
        p.getBuildersList().add(builder);
        return p;
    }

    @Test
    void freestyleSuccessExpandsVariables() throws Exception {
        IshRunBuilder builder = new IshRunBuilder("my-corp", "${TARGET}");
        builder.setEnv(List.of(new IshEnvVariable("BRANCH", "${BRANCH}-x")));
        FreeStyleProject p = project(builder);
        var future = p.scheduleBuild2(
                0,
                new ParametersAction(
                        new StringParameterValue("TARGET", "deploy"), new StringParameterValue("BRANCH", "release")));
        ish.finishAfterTrigger(1);
        FreeStyleBuild b = j.assertBuildStatusSuccess(future);
        assertEquals(Map.of("BRANCH", "release-x"), ish.ish.runs().get(0).env());
        j.assertLogContains("deploying release-x", b);
        j.assertLogContains("of my-corp/deploy completed in 26 s.", b);
        j.assertLogNotContains(ish.token, b);
        assertEquals(
                "complete", b.getAction(IshRunAction.class).getRuns().get(0).getStatus());
    }

    @Test
    void freestyleAbortDuringATriggerRetryPauseSendsNoFurtherPost() throws Exception {
        ish.ish.faults().rateLimitNext("POST", 1, Duration.ofSeconds(3));
        FreeStyleProject p = project(new IshRunBuilder("my-corp", "slow"));
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        IshCdTestSupport.await(() -> ish.posts() >= 1);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("before Ish CD answered with a run id", b);
        Thread.sleep(5_000); // past the pause the server asked for: a retry would have been sent by now
        assertEquals(1, ish.posts());
        assertEquals(0, ish.ish.runs().size());
    }

    @Test
    void freestyleErrorRunFailsTheBuild() throws Exception {
        FreeStyleProject p = project(new IshRunBuilder("my-corp", "broken"));
        var future = p.scheduleBuild2(0);
        ish.finishAfterTrigger(1);
        FreeStyleBuild b = j.assertBuildStatus(Result.FAILURE, future);
        j.assertLogContains("boom: the database is gone", b);
        j.assertLogContains("ended in error", b);
    }

    @Test
    void freestylePropagateFalseKeepsTheBuildGoing() throws Exception {
        IshRunBuilder builder = new IshRunBuilder("my-corp", "broken");
        builder.setPropagate(false);
        FreeStyleProject p = project(builder);
        var future = p.scheduleBuild2(0);
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(future);
    }

    @Test
    void configRoundTrip() throws Exception {
        IshRunBuilder builder = new IshRunBuilder("my-corp", "${TARGET}");
        builder.setEnv(List.of(new IshEnvVariable("BRANCH", "${BRANCH}")));
        builder.setCredentialsId(IshCdTestSupport.CREDENTIALS_ID);
        builder.setPrintLog(false);
        builder.setMaxPollSeconds(10);
        builder.setExpectedDuration("90s");
        j.assertEqualDataBoundBeans(builder, j.configRoundtrip(builder));
    }

    @Test
    void theFormShowsWholeLabelsAcceptsACredentialsParameterAndSaysWhatWaitingMeansHere() throws Exception {
        FreeStyleProject p = project(new IshRunBuilder("my-corp", "deploy"));
        String page = j.createWebClient()
                .goTo(p.getUrl() + "configure")
                .getWebResponse()
                .getContentAsString();
        assertTrue(page.contains("Timeout (minutes)"), "label with parentheses");
        assertTrue(page.contains("First poll interval (seconds)"), "label with parentheses");
        assertTrue(page.contains("credentials-select-radio-control"), "a ${PARAMETER} can be entered as the token");
        // One view and one help for both: the build step's help points at the Pipeline step's, except "wait".
        assertTrue(page.contains("io.jenkins.plugins.ishcd.IshRunStep/help/project"), "help of the step");
        assertFalse(page.contains("io.jenkins.plugins.ishcd.IshRunBuilder/help/project"), "no copy of it");
        assertTrue(page.contains("io.jenkins.plugins.ishcd.IshRunBuilder/help/wait"), "its own help of wait");
        String wait = j.createWebClient()
                .goTo("descriptorByName/io.jenkins.plugins.ishcd.IshRunBuilder/help/wait", "text/html")
                .getWebResponse()
                .getContentAsString();
        assertTrue(wait.contains("executor"), wait);
        assertFalse(wait.contains("holds no executor"), wait);
    }
}
