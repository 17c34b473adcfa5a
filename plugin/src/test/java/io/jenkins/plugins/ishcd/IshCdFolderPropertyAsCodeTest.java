package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javaposse.jobdsl.plugin.ExecuteDslScripts;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;

/** A folder's default credential from Job DSL (a seed job) and from JCasC (Job DSL's {@code jobs:} root). */
@WithJenkinsConfiguredWithCode
class IshCdFolderPropertyAsCodeTest {

    /** Shown as is in docs/configuration-as-code.md ({@link #theDocsShowWhatTheseTestsRun}). */
    static final String SEED = """
            folder('teams') {
                properties {
                    ishCd {
                        credentialsId('teams-token')
                    }
                }
            }
            folder('teams/backend')
            pipelineJob('teams/backend/deploy') {
                definition {
                    cps {
                        script("ishRun project: 'my-corp', job: 'deploy'")
                        sandbox()
                    }
                }
            }
            """;

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @Test
    void aSeedJobSetsAFolderDefaultThatItsJobsUse(JenkinsConfiguredWithCodeRule j) throws Exception {
        try (IshCdTestSupport ish = new IshCdTestSupport()) {
            ish.configure(j);
            FreeStyleProject seed = j.createFreeStyleProject("seed");
            ExecuteDslScripts dsl = new ExecuteDslScripts();
            dsl.setUseScriptText(true);
            dsl.setScriptText(SEED);
            seed.getBuildersList().add(dsl);
            j.buildAndAssertSuccess(seed);

            Folder teams = j.jenkins.getItemByFullName("teams", Folder.class);
            assertNotNull(teams, "the seed created the folder");
            assertEquals(
                    "teams-token",
                    teams.getProperties().get(IshCdFolderProperty.class).getCredentialsId());
            IshCdTestSupport.addCredential(teams, "teams-token", ish.ish.issueToken("teams"));
            WorkflowJob deploy = j.jenkins.getItemByFullName("teams/backend/deploy", WorkflowJob.class);
            var build = deploy.scheduleBuild2(0);
            ish.finishAfterTrigger(1);
            j.assertBuildStatusSuccess(build);
            assertEquals(
                    "teams",
                    ish.ish
                            .journal()
                            .requests("POST", IshCdTestSupport.RUNS)
                            .get(0)
                            .tokenName(),
                    "the folder's default, not the global one");
        }
    }

    @Test
    @ConfiguredWithCode("folder-jobs.yml")
    void jcascSetsAFolderDefaultThroughJobDsl(JenkinsConfiguredWithCodeRule j) {
        Folder backend = j.jenkins.getItemByFullName("teams/backend", Folder.class);
        assertNotNull(backend, "JCasC created the folders");
        assertNull(backend.getProperties().get(IshCdFolderProperty.class));
        assertEquals(
                new IshCdFolderProperty.FolderDefault("teams-token", "teams"), IshCdFolderProperty.nearest(backend));
    }

    @Test
    void theDocsShowWhatTheseTestsRun() throws Exception {
        DocSnippets.assertShownIn(SEED, "docs/configuration-as-code.md");
        try (InputStream yaml = getClass().getResourceAsStream("folder-jobs.yml")) {
            DocSnippets.assertShownIn(
                    new String(yaml.readAllBytes(), StandardCharsets.UTF_8), "docs/configuration-as-code.md");
        }
    }
}
