package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Result;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class IshRunStepRestartTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private IshCdTestSupport ish;

    @BeforeEach
    void startEmulator() {
        ish = new IshCdTestSupport();
    }

    @AfterEach
    void stopEmulator() {
        ish.close();
    }

    @Test
    void restartDuringWaitPollsTheSameRun() throws Throwable {
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "def r = ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']\n"
                            + "echo \"after restart: ${r.status}\"",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            // Printed once the run id is saved with the program: the run stays queued on the emulator's clock.
            j.waitForMessage("is queued.", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.waitForMessage("Jenkins restarted: waiting again for Ish CD run", b);
            ish.clock.advanceSeconds(3600);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("after restart: complete", b);
            j.assertLogContains("deploying main", b);
            assertEquals(1, ish.posts(), "exactly one run was triggered");
        });
    }

    @Test
    void restartWhileTriggeringFailsAndDoesNotTriggerAgain() throws Throwable {
        // The emulator answers the trigger only after the first Jenkins is gone.
        ish.ish.faults().latency(Duration.ofSeconds(15));
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'deploy'", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            IshCdTestSupport.await(() -> b.getExecution() != null
                    && b.getExecution().getCurrentExecutions(false).get().stream()
                            .anyMatch(e ->
                                    String.valueOf(e.getStatus()).startsWith("triggering Ish CD job my-corp/deploy")));
            // "triggering" starts with the credential lookup: give the POST time to leave before the restart.
            Thread.sleep(3_000);
        });
        sessions.then(j -> {
            ish.ish.faults().latency(Duration.ZERO);
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            j.assertLogContains(
                    "Jenkins restarted: Stopped while triggering Ish CD job my-corp/deploy, before Ish CD answered", b);
            j.assertLogContains("check the job's runs in Ish CD before running it again", b);
            // The POST under way at the restart reaches the emulator once; nothing sends another.
            IshCdTestSupport.await(() -> ish.posts() >= 1);
            Thread.sleep(2_000);
            assertEquals(1, ish.posts(), "never triggered again");
        });
    }
}
