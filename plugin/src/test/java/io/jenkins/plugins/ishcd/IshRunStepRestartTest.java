package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.RestartListener;
import hudson.model.Result;
import io.jenkins.plugins.ishcd.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
            j.waitForMessage("After a restart, waiting again for Ish CD run", b);
            ish.clock.advanceSeconds(3600);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("after restart: complete", b);
            j.assertLogContains("deploying main", b);
            assertEquals(1, ish.posts(), "exactly one run was triggered");
        });
    }

    @Test
    void ishWaitGoesOnAfterARestartWithTheSameRunAndItsPlaceOnTheBuildPage() throws Throwable {
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "def r = ishRun project: 'my-corp', job: 'deploy', wait: false\n"
                            + "echo \"after restart: ${ishWait(run: r).status}\"",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("Waiting for Ish CD run", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.waitForMessage("After a restart, waiting again for Ish CD run", b);
            ish.clock.advanceSeconds(3600);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("after restart: complete", b);
            assertEquals(1, ish.posts(), "exactly one run was triggered");
            assertEquals(1, b.getAction(IshRunAction.class).getRuns().size());
        });
    }

    @Test
    void theJobsHistoryIsSavedWhenJenkinsStopsAndTimesTheFirstWaitAfterTheRestart() throws Throwable {
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'deploy'", true));
            for (int i = 1; i <= 5; i++) {
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                ish.finishAfterTrigger(i);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
            }
            // Jenkins stops now, before the save due 10 s after the last run: the terminator writes it.
        });
        sessions.then(j -> {
            WorkflowJob p = j.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            ish.finishAfterTrigger(6);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("Ish CD job my-corp/deploy usually takes about 26 s (last 5 runs).", b);
        });
    }

    @Test
    void aSafeRestartWaitsForTheTriggersAnswerAndTheBuildGoesOn() throws Throwable {
        ish.ish.faults("my-corp", "deploy").latency(Duration.ofSeconds(3));
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'deploy'", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            IshCdTestSupport.await(() -> IshCdTestSupport.stepStatuses(b).stream()
                    .anyMatch(s -> s.startsWith("triggering Ish CD job my-corp/deploy")));
            assertFalse(RestartListener.isAllReady(), "a trigger under way blocks a safe restart");
            // What Jenkins.safeRestart does before it restarts: wait until nothing blocks it.
            IshCdTestSupport.await(RestartListener::isAllReady);
            assertEquals(1, ish.posts());
            j.waitForMessage("is queued.", b);
        });
        sessions.then(j -> {
            ish.ish.faults("my-corp", "deploy").latency(Duration.ZERO);
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.waitForMessage("After a restart, waiting again for Ish CD run", b);
            ish.clock.advanceSeconds(3600);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            assertEquals(1, ish.posts(), "exactly one run was triggered");
        });
    }

    @Test
    void aResumedWaitGoesToTheApiUrlConfiguredNow() throws Throwable {
        String moved = "http://localhost:" + ish.ish.port() + "/v1";
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'slow'", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("is queued.", b);
            IshCdConfiguration.get().setBaseUrl(moved); // the administrator moves it while the build waits
        });
        ish.ish.journal().clear(); // Jenkins is down: nothing polls now
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.waitForMessage("The Ish CD API URL is now " + moved + " (it was " + ish.ish.baseUrl() + ")", b);
            ish.clock.advanceSeconds(6 * 3600);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            List<RecordedRequest> after = ish.ish.journal().requests();
            assertFalse(after.isEmpty());
            for (RecordedRequest r : after) {
                assertEquals(Optional.of("localhost:" + ish.ish.port()), r.header("Host"), r.toString());
            }
        });
    }

    @Test
    void restartWhileTriggeringFailsAndDoesNotTriggerAgain() throws Throwable {
        // The emulator answers the trigger only after the first Jenkins is gone.
        ish.ish.faults("my-corp", "deploy").latency(Duration.ofSeconds(15));
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'deploy'", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            // "triggering" once the POST is handed to the client (the token lookup says "looking up").
            IshCdTestSupport.await(() -> IshCdTestSupport.stepStatuses(b).stream()
                    .anyMatch(s -> s.startsWith("triggering Ish CD job my-corp/deploy")));
        });
        sessions.then(j -> {
            ish.ish.faults("my-corp", "deploy").latency(Duration.ZERO);
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            j.assertLogContains("A restart came while triggering Ish CD job my-corp/deploy, before Ish CD answered", b);
            j.assertLogContains("check the job's runs in Ish CD before running it again", b);
            j.assertLogNotContains("\tat ", b);
            // The POST under way at the restart reaches the emulator once; the resumed build sends none.
            IshCdTestSupport.await(() -> ish.posts() >= 1);
            assertEquals(1, ish.posts(), "never triggered again");
        });
    }

    @Test
    void aCredentialGoneAfterARestartEndsWithOneSentenceNamingTheRun() throws Throwable {
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'slow'", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("is queued.", b);
            IshCdTestSupport.removeCredential(j.jenkins, IshCdTestSupport.CREDENTIALS_ID);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            String id = ish.ish.runs().get(0).id();
            j.assertLogContains("No Secret text credential with id 'ish-token' is available to this build", b);
            j.assertLogContains("(Ish CD run " + id + ")", b);
            j.assertLogNotContains("\tat ", b);
            assertEquals(1, ish.posts());
        });
    }

    @Test
    void theEngineThreadsStopWithJenkinsAndStartAgainWithIt() throws Throwable {
        sessions.then(j -> {
            ish.configure(j);
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("ishRun project: 'my-corp', job: 'deploy', wait: false", true));
            j.buildAndAssertSuccess(p);
            assertTrue(engineThreads() > 0, "the scheduler runs");
        });
        // Jenkins is down: its terminator stopped the scheduler, whose threads end.
        IshCdTestSupport.await(() -> engineThreads() == 0);
        sessions.then(j -> {
            WorkflowJob p = j.jenkins.getItemByFullName("p", WorkflowJob.class);
            j.buildAndAssertSuccess(p);
            assertEquals(2, ish.posts());
        });
    }

    private static long engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ish-cd-scheduler-") && t.isAlive())
                .count();
    }
}
