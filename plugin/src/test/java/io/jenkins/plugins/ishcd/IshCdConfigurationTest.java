package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.User;
import hudson.util.FormValidation;
import io.jenkins.plugins.ishcd.client.BaseUrl;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class IshCdConfigurationTest {

    @Test
    void defaults(JenkinsRule j) {
        IshCdConfiguration config = IshCdConfiguration.get();
        assertEquals(BaseUrl.DEFAULT, config.getBaseUrl());
        assertEquals(2, config.getInitialPollSeconds());
        assertEquals(30, config.getMaxPollSeconds());
        assertEquals(100_000, config.getLogCapChars());
    }

    @Test
    void formRoundTripAndRestart(JenkinsRule j) throws Throwable {
        IshCdConfiguration config = IshCdConfiguration.get();
        config.setBaseUrl("https://ish.example.com/v1/");
        config.setCredentialsId("ish-token");
        config.setInitialPollSeconds(3);
        config.setMaxPollSeconds(40);
        config.setLogCapChars(5_000);
        j.configRoundtrip();
        assertEquals("https://ish.example.com/v1", config.getBaseUrl());
        assertEquals("ish-token", config.getCredentialsId());
        assertEquals(3, config.getInitialPollSeconds());
        assertEquals(40, config.getMaxPollSeconds());
        assertEquals(5_000, config.getLogCapChars());
        j.restart();
        assertEquals("https://ish.example.com/v1", IshCdConfiguration.get().getBaseUrl());
        assertEquals(40, IshCdConfiguration.get().getMaxPollSeconds());
    }

    @Test
    void plainHttpIsRefusedExceptForLoopback(JenkinsRule j) {
        IshCdConfiguration config = IshCdConfiguration.get();
        assertEquals(FormValidation.Kind.ERROR, config.doCheckBaseUrl("http://ish.example.com/v1").kind);
        assertEquals(FormValidation.Kind.OK, config.doCheckBaseUrl("http://127.0.0.1:8080/v1").kind);
        assertThrows(IllegalArgumentException.class, () -> config.setBaseUrl("http://ish.example.com/v1"));
    }

    @Test
    void stepPollingStaysWithinTheAdministratorsLimits(JenkinsRule j) throws Exception {
        IshCdConfiguration config = IshCdConfiguration.get();
        config.setInitialPollSeconds(5);
        config.setMaxPollSeconds(20);
        IshRunStep step = new IshRunStep("p", "j");
        step.setInitialPollSeconds(1);
        step.setMaxPollSeconds(600);
        var options = IshRunSettings.of(step, config, 0).waitOptions(0);
        assertEquals(java.time.Duration.ofSeconds(5), options.initialInterval());
        assertEquals(java.time.Duration.ofSeconds(20), options.maxInterval());
    }

    @Test
    void testConnectionSaysWhatHappened(JenkinsRule j) throws Exception {
        try (IshCdTestSupport ish = new IshCdTestSupport()) {
            ish.configure(j);
            IshCdConfiguration config = IshCdConfiguration.get();
            FormValidation ok = config.doTestConnection(ish.ish.baseUrl().toString(), IshCdTestSupport.CREDENTIALS_ID);
            assertEquals(FormValidation.Kind.OK, ok.kind, ok.getMessage());
            IshCdTestSupport.addCredential(j.jenkins, "revoked", "not-a-token");
            FormValidation refused = config.doTestConnection(ish.ish.baseUrl().toString(), "revoked");
            assertEquals(FormValidation.Kind.ERROR, refused.kind);
            assertTrue(!refused.getMessage().contains("not-a-token"));
            FormValidation missing = config.doTestConnection(ish.ish.baseUrl().toString(), "nope");
            assertTrue(missing.getMessage().contains("nope"));
        }
    }

    @Test
    void testConnectionIsForAdministratorsOnly(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("dev")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
        try (JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(User.getById("dev", true))) {
            WebRequest post = new WebRequest(
                    wc.createCrumbedUrl("descriptorByName/io.jenkins.plugins.ishcd.IshCdConfiguration/testConnection"),
                    HttpMethod.POST);
            FailingHttpStatusCodeException e =
                    assertThrows(FailingHttpStatusCodeException.class, () -> wc.getPage(post));
            assertEquals(403, e.getStatusCode());
        }
        try (JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(User.getById("admin", true))) {
            WebRequest get = new WebRequest(
                    j.getURL()
                            .toURI()
                            .resolve("descriptorByName/io.jenkins.plugins.ishcd.IshCdConfiguration/testConnection")
                            .toURL(),
                    HttpMethod.GET);
            FailingHttpStatusCodeException e =
                    assertThrows(FailingHttpStatusCodeException.class, () -> wc.getPage(get));
            // Stapler does not dispatch a @POST method for a GET at all.
            assertEquals(404, e.getStatusCode());
        }
    }
}
