package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code ishWait}: waiting for runs that {@code ishRun wait: false} triggered, with {@code ishRun}'s semantics. */
@WithJenkins
class IshWaitStepTest {

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

    private WorkflowRun run(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p.scheduleBuild2(0).waitForStart();
    }

    @Test
    void triggerNowWaitLaterInParallelThenOneAfterTheOther() throws Exception {
        WorkflowRun b = run("def runs = [:]\n"
                + "parallel backup: { runs.backup = ishRun project: 'my-corp', job: 'slow', wait: false },\n"
                + "         deploy: { runs.deploy = ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main'], wait: false }\n"
                + "echo \"queued ${runs.backup.project}/${runs.backup.job} ${runs.backup.status}\"\n"
                + "def backup = ishWait run: runs.backup\n"
                + "def deploy = ishWait project: 'my-corp', job: 'deploy', runId: runs.deploy.id\n"
                + "echo \"backup=${backup.status} deploy=${deploy.status} log=${deploy.log.trim()}\"");
        ish.finishAfterTrigger(2);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        assertEquals(2, ish.posts(), "ishWait never triggers");
        j.assertLogContains("queued my-corp/slow queued", b);
        j.assertLogContains("backup=complete deploy=complete log=deploying main", b);
        for (IshRunRecord r : b.getAction(IshRunAction.class).getRuns()) {
            j.assertLogContains(
                    "Waiting for Ish CD run " + r.getRunId() + " of " + r.getProject() + "/" + r.getJob() + ".", b);
        }
        List<IshRunRecord> records = b.getAction(IshRunAction.class).getRuns();
        assertEquals(2, records.size(), "the build page shows each run once: " + records);
        assertTrue(records.stream().allMatch(r -> r.getStatus().equals("complete")), records.toString());
    }

    @Test
    void aRunEndingInErrorFailsTheBuildUnlessPropagateIsFalse() throws Exception {
        WorkflowRun b = run("def r = ishRun project: 'my-corp', job: 'broken', wait: false\n"
                + "def e = ishWait run: r, propagate: false\n"
                + "echo \"status=${e.status}\"\n"
                + "ishWait run: r");
        ish.finishAfterTrigger(1);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        String id = ish.ish.runs().get(0).id();
        j.assertLogContains("status=error", b);
        j.assertLogContains("boom: the database is gone", b);
        j.assertLogContains("Ish CD run " + id + " of my-corp/broken ended in error", b);
    }

    @Test
    void abortingTheWaitSaysTheRunGoesOn() throws Exception {
        WorkflowRun b = run("def r = ishRun project: 'my-corp', job: 'slow', wait: false\nishWait run: r");
        j.waitForMessage("Waiting for Ish CD run", b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains(
                "Stopped waiting for Ish CD run " + ish.ish.runs().get(0).id()
                        + " of my-corp/slow. The run goes on in Ish CD",
                b);
        assertEquals(1, ish.posts());
    }

    @Test
    void aRunThatDoesNotExistIsOneSentenceNamingItAndIsNotListedAsARun() throws Exception {
        WorkflowRun b = run("ishWait project: 'my-corp', job: 'deploy', runId: 'no-such-run'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("no-such-run", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.posts());
        IshRunAction action = b.getAction(IshRunAction.class);
        assertTrue(action == null || action.getRuns().isEmpty(), "a run that does not exist is not on the build page");
    }

    @Test
    void theMapOfAnIshRunThatWaitedIsEnoughAndARunWaitedForAgainTeachesTheHistoryOnce() throws Exception {
        WorkflowRun b = run("def r = ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']\n"
                + "echo \"ran ${r.project}/${r.job}\"\n"
                + "def again = ishWait run: r\n"
                + "echo \"again ${again.project}/${again.job} ${again.status}\"");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("ran my-corp/deploy", b);
        j.assertLogContains("again my-corp/deploy complete", b);
        assertEquals(1, ish.posts());
        assertEquals(1, b.getAction(IshRunAction.class).getRuns().size());
        IshCdJobDurations.get().save();
        String saved = Files.readString(
                j.jenkins.getRootDir().toPath().resolve(IshCdJobDurations.FILE_NAME), StandardCharsets.UTF_8);
        assertTrue(saved.contains("\"durations\":[26]"), "one run, one duration: " + saved);
    }

    @Test
    void whatIsMissingIsNamed() throws Exception {
        WorkflowRun b = run("ishWait run: '3abed1d7'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains(
                "ishWait needs the run to wait for: give run: with the map ishRun returned, or project,"
                        + " job and runId (project, job missing).",
                b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void aMissingRunIsRefusedBeforeAnyRequest() throws Exception {
        WorkflowRun b = run("ishWait run: null, project: 'my-corp', job: 'deploy'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("(runId missing).", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void theFormsHelpIsThereForTheSharedFieldsAndTheRunId() throws Exception {
        try (JenkinsRule.WebClient wc = j.createWebClient()) {
            for (String field : List.of("timeout", "expectedDuration", "credentialsId", "runId")) {
                String help = wc.goTo("descriptorByName/io.jenkins.plugins.ishcd.IshWaitStep/help/" + field, null)
                        .getWebResponse()
                        .getContentAsString();
                assertTrue(help.contains("<div>"), field + ": " + help);
            }
        }
    }

    @Test
    void snippetRoundTrip() throws Exception {
        IshWaitStep step = new IshWaitStep("my-corp", "backup", "3abed1d7");
        step.setPropagate(false);
        step.setTimeout(30);
        new SnippetizerTester(j)
                .assertRoundTrip(
                        step,
                        "ishWait job: 'backup', project: 'my-corp', propagate: false, runId: '3abed1d7', timeout: 30");
    }
}
