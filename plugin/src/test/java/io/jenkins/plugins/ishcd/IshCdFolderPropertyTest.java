package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.ExtensionList;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Result;
import hudson.model.TopLevelItem;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global default {@code ish-token} is the emulator's token "jenkins"; each folder's token has the folder's name. */
@WithJenkins
class IshCdFolderPropertyTest {

    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final String FILL =
            "descriptorByName/io.jenkins.plugins.ishcd.IshCdFolderProperty/fillCredentialsIdItems";

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

    /** A folder with a credential {@code NAME-token} holding the emulator's token "NAME", and that as its default. */
    private Folder folderWithDefault(ItemGroup<? extends Item> parent, String name) throws Exception {
        Folder folder = folder(parent, name);
        IshCdTestSupport.addCredential(folder, name + "-token", ish.ish.issueToken(name));
        folder.addProperty(new IshCdFolderProperty(name + "-token"));
        return folder;
    }

    private Folder folder(ItemGroup<? extends Item> parent, String name) throws Exception {
        return parent == j.jenkins
                ? j.jenkins.createProject(Folder.class, name)
                : ((Folder) parent).createProject(Folder.class, name);
    }

    private WorkflowJob pipeline(ItemGroup<? extends TopLevelItem> parent, String script) throws Exception {
        WorkflowJob p = parent == j.jenkins
                ? j.createProject(WorkflowJob.class)
                : ((Folder) parent).createProject(WorkflowJob.class, "p" + ish.posts());
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** @return the name of the emulator's token that triggered the run of a successful build of {@code p} */
    private String tokenUsedBy(ParameterizedJobMixIn.ParameterizedJob<?, ?> p) throws Exception {
        int before = ish.posts();
        var future = p.scheduleBuild2(0);
        ish.finishAfterTrigger(before + 1);
        j.assertBuildStatusSuccess(future);
        return ish.ish
                .journal()
                .requests("POST", IshCdTestSupport.RUNS)
                .get(before)
                .tokenName();
    }

    private String tokenUsedBy(ItemGroup<? extends TopLevelItem> parent) throws Exception {
        return tokenUsedBy(pipeline(parent, "ishRun project: 'my-corp', job: 'deploy'"));
    }

    @Test
    void theNearestFolderWithADefaultWins() throws Exception {
        Folder teams = folderWithDefault(j.jenkins, "teams");
        Folder backend = folderWithDefault(teams, "backend");
        Folder api = folder(backend, "api");
        Folder frontend = folder(teams, "frontend");
        frontend.addProperty(new IshCdFolderProperty("  ")); // blank: as if not set
        assertEquals("backend", tokenUsedBy(backend));
        assertEquals("backend", tokenUsedBy(api), "a child that sets none uses its parent's");
        assertEquals("teams", tokenUsedBy(frontend));
        assertEquals("teams", tokenUsedBy(teams));
        FreeStyleProject freestyle = api.createProject(FreeStyleProject.class, "fs");
        freestyle.getBuildersList().add(new IshRunBuilder("my-corp", "deploy"));
        assertEquals("backend", tokenUsedBy(freestyle), "the freestyle build step too");
    }

    @Test
    void ishWaitUsesTheFolderDefaultToo() throws Exception {
        Folder team = folderWithDefault(j.jenkins, "team");
        assertEquals(
                "team",
                tokenUsedBy(pipeline(
                        team, "def r = ishRun project: 'my-corp', job: 'deploy', wait: false\nishWait run: r")));
        List<String> polls = ish.ish.journal().requests("GET", ".*/runs/.+").stream()
                .map(r -> r.tokenName())
                .distinct()
                .toList();
        assertEquals(List.of("team"), polls, "ishWait polled with the folder's token");
    }

    @Test
    void anExplicitCredentialWins() throws Exception {
        Folder team = folderWithDefault(j.jenkins, "team");
        assertEquals(
                "jenkins",
                tokenUsedBy(pipeline(team, "ishRun project: 'my-corp', job: 'deploy', credentialsId: 'ish-token'")));
        IshRunBuilder builder = new IshRunBuilder("my-corp", "deploy");
        builder.setCredentialsId(IshCdTestSupport.CREDENTIALS_ID);
        FreeStyleProject freestyle = team.createProject(FreeStyleProject.class, "fs");
        freestyle.getBuildersList().add(builder);
        assertEquals("jenkins", tokenUsedBy(freestyle));
    }

    @Test
    void theGlobalDefaultAppliesOutsideFoldersAndInFoldersWithoutOne() throws Exception {
        folderWithDefault(j.jenkins, "team");
        assertEquals("jenkins", tokenUsedBy(j.jenkins));
        assertEquals("jenkins", tokenUsedBy(folder(j.jenkins, "plain")));
    }

    @Test
    void aMissingDefaultNamesTheFolderAndTheId() throws Exception {
        Folder team = folder(j.jenkins, "team");
        team.addProperty(new IshCdFolderProperty("gone"));
        Folder sub = folder(team, "sub");
        WorkflowRun b =
                j.buildAndAssertStatus(Result.FAILURE, pipeline(sub, "ishRun project: 'my-corp', job: 'deploy'"));
        j.assertLogContains(
                "No Secret text credential with id 'gone', the Ish CD default of folder 'team', is available to this"
                        + " build: add one with that id to folder 'team' (or globally) holding the Ish CD API token,"
                        + " or choose another default in the configuration of folder 'team'.",
                b);
        j.assertLogNotContains("\tat ", b);
        assertEquals(0, ish.posts());
    }

    @Test
    void theFormRefusesACredentialBuildsInTheFolderCannotUse() throws Exception {
        Folder team = folderWithDefault(j.jenkins, "team");
        Folder other = folderWithDefault(j.jenkins, "other");
        CredentialsProvider.lookupStores(team)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "userpass", null, "u", "p"));
        IshCdFolderProperty.DescriptorImpl d = ExtensionList.lookupSingleton(IshCdFolderProperty.DescriptorImpl.class);
        assertEquals(FormValidation.Kind.OK, d.doCheckCredentialsId(team, "team-token").kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckCredentialsId(team, "ish-token").kind, "a global one");
        assertEquals(FormValidation.Kind.OK, d.doCheckCredentialsId(team, "").kind, "none: the folders above decide");
        FormValidation missing = d.doCheckCredentialsId(team, "other-token");
        assertEquals(FormValidation.Kind.ERROR, missing.kind);
        assertEquals(
                "No Secret text credential with id 'other-token' is visible from folder 'team': add one with that id"
                        + " to the credentials of folder 'team' (or of a folder above it, or globally), or choose one"
                        + " from the list.",
                missing.getMessage().replace("&#039;", "'").replace("&#39;", "'"));
        assertTrue(d.doCheckCredentialsId(team, "userpass").getMessage().contains("not of kind Secret text"));
        assertEquals(FormValidation.Kind.OK, d.doCheckCredentialsId(other, "other-token").kind);
    }

    @Test
    void onlyThoseWhoMayConfigureTheFolderSeeItsCredentialsOrChangeIt() throws Exception {
        Folder team = folderWithDefault(j.jenkins, "team");
        folderWithDefault(j.jenkins, "other");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader", "dev")
                .grant(Item.CONFIGURE)
                .onFolders(team)
                .to("dev"));

        assertEquals(List.of("team-token"), fill("reader", team, "team-token"), "only the current value");
        assertEquals(
                List.of("", "ish-token", "team-token"),
                fill("dev", team, "team-token").stream().sorted().toList(),
                "the folder's own and the global ones, not another folder's");
        IshCdFolderProperty.DescriptorImpl d = ExtensionList.lookupSingleton(IshCdFolderProperty.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertEquals(FormValidation.Kind.OK, d.doCheckCredentialsId(team, "other-token").kind, "tells nothing");
        }

        // config.xml takes a folder's whole configuration, property included, from whoever may configure it.
        String xml = team.getConfigFile().asString().replace("team-token", "ish-token");
        assertEquals(HttpURLConnection.HTTP_FORBIDDEN, postConfigXml("reader", team, xml));
        assertEquals(
                "team-token",
                team.getProperties().get(IshCdFolderProperty.class).getCredentialsId());
        assertEquals(HttpURLConnection.HTTP_OK, postConfigXml("dev", team, xml));
        assertEquals(
                "ish-token", team.getProperties().get(IshCdFolderProperty.class).getCredentialsId());
        j.createWebClient().login("reader").assertFails("job/team/configure", HttpURLConnection.HTTP_FORBIDDEN);
        j.submit(j.createWebClient().login("dev").getPage(team, "configure").getFormByName("config"));
        assertEquals(
                "ish-token", team.getProperties().get(IshCdFolderProperty.class).getCredentialsId());
    }

    private int postConfigXml(String user, Folder folder, String xml) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(user);
        wc.setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(j.getURL(), folder.getUrl() + "config.xml"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/xml");
        request.setRequestBody(xml);
        return wc.getPage(request).getWebResponse().getStatusCode();
    }

    /** @return the values of the folder's credentials list as {@code user} gets it over HTTP */
    private List<String> fill(String user, Folder folder, String current) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login(user);
        WebRequest request = new WebRequest(
                new URL(j.getURL(), folder.getUrl() + FILL + "?credentialsId=" + current), HttpMethod.POST);
        wc.addCrumb(request);
        WebResponse response = wc.getPage(request).getWebResponse();
        JSONArray values = JSONObject.fromObject(response.getContentAsString()).getJSONArray("values");
        return values.stream().map(v -> ((JSONObject) v).getString("value")).toList();
    }

    @Test
    void configRoundTrip() throws Exception {
        Folder team = folderWithDefault(j.jenkins, "team");
        j.configRoundtrip(team);
        j.assertEqualDataBoundBeans(
                new IshCdFolderProperty("team-token"), team.getProperties().get(IshCdFolderProperty.class));
        Folder plain = j.configRoundtrip(folder(j.jenkins, "plain"));
        assertNull(plain.getProperties().get(IshCdFolderProperty.class), "an empty field keeps no property");
        String page =
                j.createWebClient().getPage(team, "configure").getWebResponse().getContentAsString();
        assertTrue(page.contains("Default Ish CD API token"), "the field's label");
        assertTrue(page.contains("io.jenkins.plugins.ishcd.IshCdFolderProperty/help/credentialsId"), "its help");
    }
}
