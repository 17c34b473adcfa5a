package io.jenkins.plugins.ishcd;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.yaml.YamlSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
        assertEquals(50, config.getRequestsPerSecond());
        assertEquals(8, config.getMaxRequestsInFlight());
    }

    @Test
    void refusesWhatTheFormRefuses(JenkinsConfiguredWithCodeRule j) {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("logCapChars: 500", "Show at least 1,000 characters of a run's log in the console, not 500.");
        refused.put("initialPollSeconds: 0", "The first interval between polls must be 1 to 3600 seconds, not 0.");
        refused.put("maxPollSeconds: 4000", "The longest interval between polls must be 1 to 3600 seconds, not 4000.");
        refused.put("baseUrl: \"http://ish.example.com/v1\"", "https");
        refused.put("requestsPerSecond: 0", "The Ish CD request budget must be 1 to 10000 requests per second, not 0.");
        refused.put(
                "maxRequestsInFlight: 5000", "The number of Ish CD requests in flight must be 1 to 1000, not 5000.");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            String yaml = "unclassified:\n  ishCd:\n    " + e.getKey() + "\n";
            ConfiguratorException x = assertThrows(
                    ConfiguratorException.class,
                    () -> ConfigurationAsCode.get()
                            .configureWith(
                                    YamlSource.of(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))),
                    e.getKey());
            assertTrue(messages(x).contains(e.getValue()), e.getKey() + ": " + messages(x));
        }
        assertEquals(
                IshCdConfiguration.DEFAULT_LOG_CAP_CHARS,
                IshCdConfiguration.get().getLogCapChars());
    }

    private static String messages(Throwable x) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = x; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
