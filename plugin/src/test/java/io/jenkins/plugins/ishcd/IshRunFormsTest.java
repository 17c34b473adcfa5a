package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IshRunFormsTest {

    @Test
    void credentialsAreListedOnlyToThoseWhoMayConfigure(JenkinsRule j) throws Exception {
        IshCdTestSupport.addCredential(j.jenkins, "ish-token", "t");
        FreeStyleProject p = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("dev")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel items = IshRunForms.fillCredentialsIdItems(p, "");
            assertEquals(1, items.size(), "only the current (empty) value");
            assertEquals(FormValidation.Kind.OK, IshRunForms.checkCredentialsId(p, "nope").kind);
        }
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            ListBoxModel items = IshRunForms.fillCredentialsIdItems(p, "");
            assertEquals(
                    List.of("", "ish-token"), items.stream().map(o -> o.value).toList());
            assertEquals(FormValidation.Kind.ERROR, IshRunForms.checkCredentialsId(p, "nope").kind);
            assertEquals(FormValidation.Kind.OK, IshRunForms.checkCredentialsId(p, "ish-token").kind);
            // Without an item (the global Snippet Generator) only administrators see the list.
            assertEquals(1, IshRunForms.fillCredentialsIdItems(null, "").size());
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertEquals(
                    List.of("", "ish-token"),
                    IshRunForms.fillCredentialsIdItems(null, "").stream()
                            .map(o -> o.value)
                            .toList());
        }
    }

    @Test
    void noCredentialIsFineWhenAFolderAboveTheJobSetsADefault(JenkinsRule j) throws Exception {
        Folder team = j.jenkins.createProject(Folder.class, "team");
        FreeStyleProject inTeam = team.createProject(FreeStyleProject.class, "p");
        Folder other = j.jenkins.createProject(Folder.class, "other");
        FreeStyleProject inOther = other.createProject(FreeStyleProject.class, "p");
        IshCdTestSupport.addCredential(team, "team-token", "t");
        team.addProperty(new IshCdFolderProperty("team-token"));
        assertEquals(FormValidation.Kind.OK, IshRunForms.checkCredentialsId(inTeam, "").kind);
        FormValidation none = IshRunForms.checkCredentialsId(inOther, "");
        assertEquals(FormValidation.Kind.WARNING, none.kind, "no global default, and no folder's");
        assertEquals(FormValidation.Kind.OK, IshRunForms.checkCredentialsId(team, "").kind, "the folder itself");
    }
}
