package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.ishcd.client.JobDurations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** How long jobs take, learnt on the controller ({@link IshCdJobDurations}), and the steps' {@code expectedDuration}. */
@WithJenkins
class IshCdJobDurationsTest {

    private IshCdTestSupport ish;
    private JenkinsRule j;
    private Path file;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        ish = new IshCdTestSupport();
        ish.configure(j);
        file = j.jenkins.getRootDir().toPath().resolve(IshCdJobDurations.FILE_NAME);
    }

    @AfterEach
    void tearDown() {
        ish.close();
    }

    private WorkflowRun build(WorkflowJob p) throws Exception {
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        ish.finishAfterTrigger(ish.posts() + 1);
        return j.waitForCompletion(b);
    }

    private WorkflowJob pipeline(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void learnsFromCompleteRunsSaysSoFromTheFifthOnAndSavesWithoutSecrets() throws Exception {
        WorkflowJob p = pipeline("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']");
        for (int i = 1; i <= JobDurations.MIN_RUNS; i++) {
            WorkflowRun b = j.assertBuildStatusSuccess(build(p));
            j.assertLogNotContains("usually takes", b);
        }
        WorkflowRun sixth = j.assertBuildStatusSuccess(build(p));
        j.assertLogContains("Ish CD job my-corp/deploy usually takes about 26 s (last 5 runs).", sixth);

        IshCdTestSupport.await(() -> Files.exists(file)); // saved a few seconds after the runs ended
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(saved.contains("\"project\":\"my-corp\",\"job\":\"deploy\""), saved);
        assertTrue(saved.contains("[26,26,26,26,26"), saved);
        assertFalse(saved.contains(ish.token), "the token is never in the store");
        assertFalse(saved.contains("main"), "nor a variable's value");
    }

    @Test
    void runsEndingInErrorTeachNothing() throws Exception {
        WorkflowJob p = pipeline("ishRun project: 'my-corp', job: 'broken', propagate: false");
        for (int i = 0; i <= JobDurations.MIN_RUNS; i++) {
            j.assertLogNotContains("usually takes", j.assertBuildStatusSuccess(build(p)));
        }
    }

    @Test
    void historyInTheFileTimesTheFirstBuildAfterARestart() throws Exception {
        JobDurations before = new JobDurations();
        for (int i = 0; i < 6; i++) {
            before.record(ish.ish.baseUrl(), io.jenkins.plugins.ishcd.client.JobRef.of("my-corp", "deploy"), 600);
        }
        Files.writeString(file, before.toJson(), StandardCharsets.UTF_8);
        WorkflowRun b = j.assertBuildStatusSuccess(build(pipeline("ishRun project: 'my-corp', job: 'deploy'")));
        j.assertLogContains("Ish CD job my-corp/deploy usually takes about 10 min (last 6 runs).", b);
    }

    @Test
    void aBrokenFileCostsOneLogLineNeverTheBuildAndIsReplacedByGoodContent() throws Exception {
        Files.writeString(
                file, "{\"format\":\"ish-cd-job-durations\",\"version\":1,\"jobs\":[{\"trunc", StandardCharsets.UTF_8);
        try (LogRecorder logs = new LogRecorder()
                .recordPackage(JobDurations.class, Level.WARNING)
                .capture(10)) {
            WorkflowRun b = j.assertBuildStatusSuccess(build(pipeline("ishRun project: 'my-corp', job: 'deploy'")));
            j.assertLogNotContains("usually takes", b);
            assertEquals(1, logs.getMessages().size(), logs.getMessages().toString());
            assertTrue(
                    logs.getMessages().get(0).contains(IshCdJobDurations.FILE_NAME),
                    logs.getMessages().toString());
        }
        IshCdJobDurations.get().save();
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("\"durations\":[26]"));
    }

    @Test
    void expectedDurationIsSaidOnceAndOverridesTheHistory() throws Exception {
        WorkflowRun b = j.assertBuildStatusSuccess(
                build(pipeline("ishRun project: 'my-corp', job: 'deploy', expectedDuration: '1h30m'")));
        j.assertLogContains("Ish CD job my-corp/deploy is expected to take about 1 h 30 min.", b);
        assertEquals(1, b.getLog().split("is expected to take", -1).length - 1);
    }

    @Test
    void aBadExpectedDurationIsOneSentenceBeforeAnyRequest() throws Exception {
        WorkflowJob p = pipeline("ishRun project: 'my-corp', job: 'deploy', expectedDuration: '90'");
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("expectedDuration: '90' is not a duration (a number needs a unit)", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void aNumberAsExpectedDurationIsTheSameSentenceNotATypeError() throws Exception {
        WorkflowJob p = pipeline("ishRun project: 'my-corp', job: 'deploy', expectedDuration: 90");
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));
        j.assertLogContains("expectedDuration: '90' is not a duration (a number needs a unit)", b);
        j.assertLogNotContains("ClassCastException", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void theFreestyleBuilderSaysItsExpectedDurationToo() throws Exception {
        IshRunBuilder builder = new IshRunBuilder("my-corp", "deploy");
        builder.setExpectedDuration("PT2M");
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(builder);
        Future<FreeStyleBuild> f = p.scheduleBuild2(0);
        ish.finishAfterTrigger(1);
        FreeStyleBuild b = j.assertBuildStatusSuccess(f);
        j.assertLogContains("Ish CD job my-corp/deploy is expected to take about 2 min.", b);
    }

    @Test
    void theFormChecksTheExpectedDuration() {
        assertEquals("OK", IshRunForms.checkExpectedDuration("").kind.name());
        assertEquals("OK", IshRunForms.checkExpectedDuration("10m").kind.name());
        String soon = IshRunForms.checkExpectedDuration("soon").getMessage();
        assertTrue(soon.contains("soon") && soon.contains("is not a duration"), soon);
        assertTrue(IshRunForms.checkExpectedDuration("400d").getMessage().contains("from 1 s to 366 d"));
    }
}
