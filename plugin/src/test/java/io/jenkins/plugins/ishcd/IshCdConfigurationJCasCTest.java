package io.jenkins.plugins.ishcd;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class IshCdConfigurationJCasCTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void importsEveryField(JenkinsConfiguredWithCodeRule j) {
        assertConfigured();
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void exportsEveryField(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = getUnclassifiedRoot(context).get("ishCd");
        assertEquals(
                toStringFromYamlFile(this, "expected-export.yml").trim(),
                toYamlString(node).trim());
    }

    static void assertConfigured() {
        IshCdConfiguration config = IshCdConfiguration.get();
        assertEquals("https://ish.example.com/v1", config.getBaseUrl());
        assertEquals("ish-token", config.getCredentialsId());
        assertEquals(3, config.getInitialPollSeconds());
        assertEquals(60, config.getMaxPollSeconds());
        assertEquals(5000, config.getLogCapChars());
    }
}
