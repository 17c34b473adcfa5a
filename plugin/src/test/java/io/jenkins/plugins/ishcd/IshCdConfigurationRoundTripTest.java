package io.jenkins.plugins.ishcd;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import org.jvnet.hudson.test.JenkinsRule;

/** JCasC: configure, check, apply through the web UI, restart, check again. */
class IshCdConfigurationRoundTripTest extends AbstractRoundTripTest {

    @Override
    protected String configResource() {
        return "configuration-as-code.yml";
    }

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        IshCdConfigurationJCasCTest.assertConfigured();
    }

    @Override
    protected String stringInLogExpected() {
        return "ish.example.com";
    }
}
