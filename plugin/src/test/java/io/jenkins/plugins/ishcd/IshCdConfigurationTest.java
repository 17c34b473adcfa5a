package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.Util;
import hudson.XmlFile;
import hudson.model.Item;
import hudson.model.Saveable;
import hudson.model.User;
import hudson.model.listeners.SaveableListener;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.ishcd.client.BaseUrl;
import io.jenkins.plugins.ishcd.client.RequestLimits;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
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
        var options = IshRunSettings.of(step, null, config, 0).waitOptions(0);
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

    @Test
    void aSystemScopedCredentialIsNeitherOfferedNorAcceptedAsTheDefault(JenkinsRule j) throws Exception {
        try (IshCdTestSupport ish = new IshCdTestSupport()) {
            ish.configure(j);
            for (CredentialsStore store : CredentialsProvider.lookupStores(j.jenkins)) {
                if (store.getContext() == j.jenkins) {
                    store.addCredentials(
                            Domain.global(),
                            new StringCredentialsImpl(
                                    CredentialsScope.SYSTEM,
                                    "system-token",
                                    "builds cannot use it",
                                    Secret.fromString(ish.token)));
                }
            }
            IshCdConfiguration config = IshCdConfiguration.get();
            String url = ish.ish.baseUrl().toString();
            List<String> offered = config.doFillCredentialsIdItems(url, "").stream()
                    .map(o -> o.value)
                    .toList();
            assertEquals(List.of("", IshCdTestSupport.CREDENTIALS_ID), offered);
            assertEquals(
                    List.of("", IshCdTestSupport.CREDENTIALS_ID),
                    IshRunForms.fillCredentialsIdItems(null, "").stream()
                            .map(o -> o.value)
                            .toList(),
                    "the global Snippet Generator offers the same");
            FormValidation test = config.doTestConnection(url, "system-token");
            assertEquals(FormValidation.Kind.ERROR, test.kind);
            String sentence = "The credential 'system-token' is System-scoped, so builds cannot use it: choose a"
                    + " Global credential, or change its scope to Global.";
            assertEquals(Util.escape(sentence), test.getMessage()); // FormValidation holds HTML
            assertEquals(FormValidation.Kind.ERROR, config.doCheckCredentialsId("system-token", url).kind);
            HtmlForm form = j.createWebClient().goTo("manage/configure").getFormByName("config");
            form.getSelectByName("_.credentialsId").getOption(0).setValueAttribute("system-token");
            form.getSelectByName("_.credentialsId").setSelectedAttribute("system-token", true);
            FailingHttpStatusCodeException e = assertThrows(FailingHttpStatusCodeException.class, () -> j.submit(form));
            assertTrue(e.getResponse().getContentAsString().contains("is System-scoped"));
            assertEquals(IshCdTestSupport.CREDENTIALS_ID, config.getCredentialsId());
            assertEquals(0, ish.ish.journal().size(), "Test connection sent nothing");
        }
    }

    @Test
    void theFormShowsItsLabelsWhole(JenkinsRule j) throws Exception {
        String page =
                j.createWebClient().goTo("manage/configure").getWebResponse().getContentAsString();
        assertTrue(page.contains("First poll interval (seconds)"), "label with parentheses");
        assertTrue(page.contains("Longest poll interval (seconds)"), "label with parentheses");
    }

    @Test
    void aFormSubmitSavesTheConfigurationOnce(JenkinsRule j) throws Exception {
        SAVES.set(0);
        j.configRoundtrip();
        assertEquals(1, SAVES.get());
    }

    private static final AtomicInteger SAVES = new AtomicInteger();

    @TestExtension("aFormSubmitSavesTheConfigurationOnce")
    public static final class CountSaves extends SaveableListener {
        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof IshCdConfiguration) {
                SAVES.incrementAndGet();
            }
        }
    }

    @Test
    void requestLimitsHaveDefaultsAndReachTheSchedulerOnSaveAndOnLoad(JenkinsRule j) throws Throwable {
        IshCdConfiguration config = IshCdConfiguration.get();
        assertEquals(RequestLimits.DEFAULT_REQUESTS_PER_SECOND, config.getRequestsPerSecond());
        assertEquals(RequestLimits.DEFAULT_MAX_IN_FLIGHT, config.getMaxRequestsInFlight());
        URI url = URI.create(config.getBaseUrl());
        assertEquals(RequestLimits.defaults(), IshCdClients.scheduler().limits(url));
        HtmlForm form = j.createWebClient().goTo("manage/configure").getFormByName("config");
        form.getInputByName("_.requestsPerSecond").setValue("7");
        form.getInputByName("_.maxRequestsInFlight").setValue("3");
        j.submit(form);
        assertEquals(RequestLimits.of(7, 3), IshCdClients.scheduler().limits(url), "applied on save");
        config.setBaseUrl("https://ish.example.com/v1");
        assertEquals(RequestLimits.defaults(), IshCdClients.scheduler().limits(url), "the old URL's are dropped");
        j.restart();
        assertEquals(
                RequestLimits.of(7, 3),
                IshCdClients.scheduler().limits(URI.create("https://ish.example.com/v1")),
                "applied on load");
    }

    @Test
    void theFormRefusesRequestLimitsOutOfRangeWithTheirSentence(JenkinsRule j) throws Exception {
        IshCdConfiguration config = IshCdConfiguration.get();
        assertEquals(
                "The Ish CD request budget must be 1 to 10000 requests per second, not 0.",
                config.doCheckRequestsPerSecond(0).getMessage());
        assertEquals(
                "The number of Ish CD requests in flight must be 1 to 1000, not 5000.",
                config.doCheckMaxRequestsInFlight(5000).getMessage());
        HtmlForm form = j.createWebClient().goTo("manage/configure").getFormByName("config");
        form.getInputByName("_.requestsPerSecond").setValue("0");
        FailingHttpStatusCodeException e = assertThrows(FailingHttpStatusCodeException.class, () -> j.submit(form));
        assertTrue(e.getResponse().getContentAsString().contains("The Ish CD request budget must be 1 to 10000"));
        assertEquals(RequestLimits.DEFAULT_REQUESTS_PER_SECOND, config.getRequestsPerSecond());
        String help = j.createWebClient()
                .goTo(
                        "descriptorByName/io.jenkins.plugins.ishcd.IshCdConfiguration/help/requestsPerSecond",
                        "text/html")
                .getWebResponse()
                .getContentAsString();
        assertTrue(help.contains("by default " + RequestLimits.DEFAULT_REQUESTS_PER_SECOND), help);
        String inFlight = j.createWebClient()
                .goTo(
                        "descriptorByName/io.jenkins.plugins.ishcd.IshCdConfiguration/help/maxRequestsInFlight",
                        "text/html")
                .getWebResponse()
                .getContentAsString();
        assertTrue(inFlight.contains("by default " + RequestLimits.DEFAULT_MAX_IN_FLIGHT), inFlight);
    }
}
