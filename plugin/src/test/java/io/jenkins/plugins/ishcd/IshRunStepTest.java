package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.ishcd.emulator.EmulatedRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IshRunStepTest {

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
    void pipelineSuccess() throws Exception {
        WorkflowRun b = run("def r = ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main', TAG: 'v1']\n"
                + "echo \"id=${r.id} status=${r.status} duration=${r.duration} log=${r.log.trim()}\"");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        EmulatedRun remote = ish.ish.runs().get(0);
        assertEquals(Map.of("BRANCH", "main", "TAG", "v1"), remote.env());
        j.assertLogContains("Triggered Ish CD job my-corp/deploy: run " + remote.id() + " is queued.", b);
        j.assertLogContains("deploying main", b);
        j.assertLogContains("Ish CD run " + remote.id() + " of my-corp/deploy completed in 26 s.", b);
        j.assertLogContains("id=" + remote.id() + " status=complete duration=26 log=deploying main", b);
        assertEquals(1, ish.posts());

        IshRunAction action = b.getAction(IshRunAction.class);
        assertNotNull(action);
        IshRunRecord record = action.getRuns().get(0);
        assertEquals(remote.id(), record.getRunId());
        assertEquals("complete", record.getStatus());
        assertEquals(26, record.getDurationSeconds());
        assertTrue(record.isLogKept());
        String kept = j.createWebClient()
                .goTo(b.getUrl() + "ish-cd/log?n=1", "text/plain")
                .getWebResponse()
                .getContentAsString();
        assertEquals("deploying main\n", kept);
        HtmlPage page = j.createWebClient().goTo(b.getUrl() + "ish-cd/");
        assertEquals(
                "Ish CD runs", page.querySelector("h1").getTextContent().trim(), "the page's heading, not the build's");
        assertTrue(page.asNormalizedText().contains(remote.id()), "the run is listed");
    }

    @Test
    void labelShowsEnvNamesNotValues() throws Exception {
        // SECRET_THING is not used by the job's log template, so only the step itself could print it.
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', env: [SECRET_THING: 'sekrit-value']");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        List<FlowNode> nodes =
                new DepthFirstScanner().filteredNodes(b.getExecution(), new NodeStepTypePredicate("ishRun"));
        assertEquals(1, nodes.size());
        assertEquals("my-corp/deploy (env: SECRET_THING)", ArgumentsAction.getStepArgumentsAsString(nodes.get(0)));
        j.assertLogNotContains("sekrit-value", b);
    }

    @Test
    void errorRunFailsTheBuildWithItsLog() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'broken'");
        ish.finishAfterTrigger(1);
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        String id = ish.ish.runs().get(0).id();
        j.assertLogContains("boom: the database is gone", b);
        j.assertLogContains("Ish CD run " + id + " of my-corp/broken ended in error", b);
    }

    @Test
    void propagateFalseReturnsTheErrorRun() throws Exception {
        WorkflowRun b = run(
                "def r = ishRun project: 'my-corp', job: 'broken', propagate: false\n" + "echo \"status=${r.status}\"");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("status=error", b);
    }

    @Test
    void noWaitReturnsTheQueuedRun() throws Exception {
        WorkflowRun b = run("def r = ishRun project: 'my-corp', job: 'slow', wait: false\n"
                + "echo \"status=${r.status} id=${r.id}\"");
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("status=queued id=" + ish.ish.runs().get(0).id(), b);
    }

    @Test
    void missingCredentialNamesTheId() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', credentialsId: 'nope'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("No Secret text credential with id 'nope' is available to this build", b);
        assertEquals(0, ish.posts());
    }

    @Test
    void unknownProjectIsOneClearSentence() throws Exception {
        WorkflowRun b = run("ishRun project: 'nosuch', job: 'deploy'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("nosuch", b);
        j.assertLogNotContains("\tat ", b);
    }

    @Test
    void badVariableNameIsRefusedBeforeAnyRequest() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', env: ['1BAD': 'x']");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("'1BAD' is not valid", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void timeoutBeyondAYearIsRefusedBeforeAnyRequest() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', timeout: 600000");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("longer than 365 d", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void abortDuringATriggerRetryPauseSendsNoFurtherPost() throws Exception {
        ish.ish.faults().rateLimitNext("POST", 1, Duration.ofSeconds(3));
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'slow'");
        IshCdTestSupport.await(() -> ish.posts() >= 1);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        Thread.sleep(5_000); // past the pause the server asked for: a retry would have been sent by now
        assertEquals(1, ish.posts());
        assertEquals(0, ish.ish.runs().size());
    }

    @Test
    void tokenIsNotInProgramDatWhileWaitingButTheRunIdIs() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'slow'");
        j.waitForMessage("is queued.", b);
        File dat = new File(b.getRootDir(), "program.dat"); // deleted when the build ends: read it now
        String id = ish.ish.runs().get(0).id();
        // The program is saved as soon as the run exists, without holding anything up until it is.
        IshCdTestSupport.await(() -> dat.isFile()
                && Files.readString(dat.toPath(), StandardCharsets.ISO_8859_1).contains(id));
        assertFalse(
                Files.readString(dat.toPath(), StandardCharsets.ISO_8859_1).contains(ish.token),
                "token in program.dat");
        b.doStop();
        j.waitForCompletion(b);
    }

    @Test
    void folderScopedCredential() throws Exception {
        IshCdConfiguration.get().setCredentialsId(null);
        Folder team = j.jenkins.createProject(Folder.class, "team");
        IshCdTestSupport.addCredential(team, "team-token", ish.ish.issueToken("team"));
        WorkflowJob p = team.createProject(WorkflowJob.class, "p");
        p.setDefinition(
                new CpsFlowDefinition("ishRun project: 'my-corp', job: 'deploy', credentialsId: 'team-token'", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        assertEquals(
                "team",
                ish.ish.journal().requests("POST", IshCdTestSupport.RUNS).get(0).tokenName());
    }

    @Test
    void tokenIsNeitherInTheConsoleNorInTheBuildDirectory() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogNotContains(ish.token, b);
        // The token must not be part of the saved program, the flow nodes, build.xml or the kept log.
        try (Stream<Path> files = Files.walk(b.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(ish.token), "token found in " + file);
            }
        }
    }

    @Test
    void abortEndsAbortedAndNamesTheRun() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'slow'");
        j.waitForMessage("is queued.", b);
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        String id = ish.ish.runs().get(0).id();
        j.assertLogContains("Stopped waiting for Ish CD run " + id + " of my-corp/slow. The run goes on in Ish CD", b);
    }

    @Test
    void timeoutAroundASlowRun() throws Exception {
        WorkflowRun b = run("timeout(time: 3, unit: 'SECONDS') { ishRun project: 'my-corp', job: 'slow' }");
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("The run goes on in Ish CD", b);
        assertEquals(1, ish.posts());
    }

    @Test
    void stepTimeoutFailsTheBuildAndNamesTheRun() throws Exception {
        // The step's timeout runs on the controller's clock (the emulator's clock stands still):
        // this test waits the real minute.
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'slow', timeout: 1");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        String id = ish.ish.runs().get(0).id();
        // The timeout counts from the start of the step, so what is left when waiting begins is a little less.
        j.assertLogContains("Stopped waiting for Ish CD run " + id + " of my-corp/slow after the timeout of", b);
        j.assertLogContains("The run goes on in Ish CD", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(1, ish.posts());
    }

    @Test
    void hugeLogIsCappedAndKeptWhole() throws Exception {
        IshCdConfiguration.get().setLogCapChars(1_000);
        ish.ish.faults().hugeLog(300_000);
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("characters of the log are not shown here", b);
        assertTrue(JenkinsRule.getLog(b).length() < 50_000, "console holds the capped log only");
        File kept = new File(b.getRootDir(), "ish-cd/1.log");
        assertTrue(kept.length() >= 300_000, "the whole log is kept with the build");
    }

    @Test
    void twentyInParallelEachSucceedWithOnePostAndTheBuildKeepsThemAll() throws Exception {
        try (LogRecorder logs = new LogRecorder()
                .record(IshRunAction.class, Level.WARNING)
                .record(hudson.model.Run.class, Level.WARNING)
                .capture(20)) {
            WorkflowRun b = run("def branches = [:]\n"
                    + "for (int i = 0; i < 20; i++) { branches[\"b\" + i] = { ishRun project: 'my-corp', job: 'deploy' } }\n"
                    + "parallel branches");
            ish.finishAfterTrigger(20);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            assertEquals(20, ish.posts());
            List<IshRunRecord> records = b.getAction(IshRunAction.class).getRuns();
            assertEquals(20, records.size());
            assertEquals(
                    20, records.stream().map(IshRunRecord::getRunId).distinct().count());
            assertTrue(records.stream().allMatch(r -> r.getStatus().equals("complete")), records.toString());
            String xml = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
            assertEquals(20, xml.split("<status>complete</status>", -1).length - 1, "every run saved as complete");
            assertEquals(List.of(), logs.getMessages(), "no save failed");
        }
    }

    @Test
    void theStatusOnTheBuildPageNeverGoesBack() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy'");
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                IshRunAction action = b.getAction(IshRunAction.class);
                if (action != null && !action.getRuns().isEmpty()) {
                    String status = action.getRuns().get(0).getStatus();
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                        seen.add(status);
                    }
                }
                LockSupport.parkNanos(100_000);
            }
        });
        sampler.start();
        try {
            j.waitForMessage("is queued.", b);
            ish.clock.advanceSeconds(2);
            j.waitForMessage("is running.", b);
            ish.clock.advanceSeconds(60);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertEquals(List.of("queued", "running", "complete"), seen);
        String xml = Files.readString(new File(b.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<status>complete</status>"), xml);
    }

    @Test
    void aCredentialRotatedDuringTheWaitIsUsedAfterTheNextRefusal() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'slow'");
        j.waitForMessage("is queued.", b);
        String rotated = ish.ish.issueToken("rotated");
        IshCdTestSupport.updateCredential(j.jenkins, IshCdTestSupport.CREDENTIALS_ID, rotated);
        ish.ish.revokeToken(ish.token);
        j.waitForMessage("looking up the credential again", b);
        ish.clock.advanceSeconds(6 * 3600);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        assertTrue(ish.ish.journal().requests("GET", ".*/runs/.*").stream()
                .anyMatch(r -> "rotated".equals(r.tokenName())));
        j.assertLogNotContains(rotated, b);
        j.assertLogNotContains(ish.token, b);
    }

    @Test
    void aVariableWithoutAValueIsOneSentence() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: null]");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("The Ish CD variable BRANCH has no value (null): give it a string, or an empty string.", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void aCredentialOfAnotherKindIsNamed() throws Exception {
        for (CredentialsStore store : CredentialsProvider.lookupStores(j.jenkins)) {
            if (store.getContext() == j.jenkins) {
                store.addCredentials(
                        Domain.global(),
                        new UsernamePasswordCredentialsImpl(
                                CredentialsScope.GLOBAL, "user-pass", "not a token", "user", "password-1"));
            }
        }
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', credentialsId: 'user-pass'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("The credential 'user-pass' is not of kind Secret text", b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void anEmptyCredentialIsNamed() throws Exception {
        IshCdTestSupport.addCredential(j.jenkins, "empty", "");
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', credentialsId: 'empty'");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
        j.assertLogContains("The Secret text credential 'empty' is empty", b);
        assertEquals(0, ish.ish.journal().size());
    }

    @Test
    void theWholeLogIsOnlyForThoseWhoMayReadTheJob() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.DISCOVER)
                .everywhere()
                .to("outsider")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        String url = b.getUrl() + "ish-cd/log?n=1";
        try (JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(User.getById("outsider", true))) {
            wc.setThrowExceptionOnFailingStatusCode(false);
            WebResponse denied = wc.goTo(url, null).getWebResponse();
            assertTrue(denied.getStatusCode() == 403 || denied.getStatusCode() == 404, "got " + denied.getStatusCode());
            assertFalse(denied.getContentAsString().contains("deploying main"));
        }
        try (JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(User.getById("reader", true))) {
            assertEquals(
                    "deploying main\n",
                    wc.goTo(url, "text/plain").getWebResponse().getContentAsString());
        }
    }

    @Test
    void theBuildPageShowsItsLabelsWhole() throws Exception {
        WorkflowRun b = run("ishRun project: 'my-corp', job: 'deploy'");
        ish.finishAfterTrigger(1);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        String page = j.createWebClient()
                .goTo(b.getUrl() + "ish-cd/")
                .getWebResponse()
                .getContentAsString();
        assertTrue(page.contains("Duration (s)"), "the column label, parentheses included");
    }
}
