package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.PluginManager;
import hudson.PluginWrapper;
import hudson.remoting.Which;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.apache.commons.io.output.TeeOutputStream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The packaged {@code ish-cd.hpi} in the real {@code jenkins.war} ({@code java -jar}, its own JVM), with the
 * plugins it depends on from the test dependencies, loaded by the real plugin manager into its graph of class
 * loaders, running a Pipeline against the emulator in this JVM. Runs in {@code integration-test}, after
 * {@code package}; Failsafe passes the archive's path as {@code ishcd.hpi}.
 */
class IshCdRealJenkinsIT {

    // ish-cd is left out of the harness' own loading (target/test-classes/the.hpl) and copied in from the .hpi.
    @RegisterExtension
    private final RealJenkinsExtension jenkins = new RealJenkinsExtension()
            .omitPlugins("ish-cd")
            .javaOptions("-Dhudson.util.RingBufferLogHandler.defaultSize=5000");

    @Test
    void pipelineThroughThePackagedPlugin() throws Throwable {
        Path home = jenkins.getHome().toPath();
        Files.copy(builtHpi(), home.resolve("plugins/ish-cd.jpi"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (IshCdEmulator ish = IshCdEmulator.builder()
                .project(
                        "my-corp",
                        p -> p.job(
                                "deploy",
                                j -> j.queuedFor(Duration.ofSeconds(1))
                                        .runningFor(Duration.ofSeconds(2))
                                        .log("deploying ${BRANCH} from the real war\n")))
                .start()) {
            String token = ish.issueToken("jenkins");
            String console;
            ArrayList<String> warnings;
            PrintStream err = System.err;
            System.setErr(new PrintStream(new TeeOutputStream(err, output), true, StandardCharsets.UTF_8));
            try {
                jenkins.startJenkins();
                jenkins.runRemotely(IshCdRealJenkinsIT::loadedByPluginManager);
                console = jenkins.runRemotely(
                        IshCdRealJenkinsIT::runPipeline, ish.baseUrl().toString(), token);
                warnings = jenkins.runRemotely(IshCdRealJenkinsIT::pluginWarnings, token);
            } finally {
                jenkins.stopJenkins();
                System.setErr(err);
            }

            assertTokenNowhere(home, token, output.toString(StandardCharsets.UTF_8)); // first: the rest print logs
            assertTrue(console.contains("deploying main from the real war"), console);
            assertTrue(
                    console.contains("Ish CD run " + ish.runs().get(0).id() + " of my-corp/deploy completed"), console);
            assertTrue(console.contains("ishRun returned complete"), console);
            assertTrue(console.contains("Finished: SUCCESS"), console);
            assertEquals(1, ish.journal().count("POST", ".*/runs"));
            assertEquals(Map.of("BRANCH", "main"), ish.runs().get(0).env());
            String agent = ish.journal().requests().get(0).header("User-Agent").orElse("");
            assertTrue(agent.startsWith("ish-cd-plugin/") && agent.contains(" ish-cd-client/"), agent);
            assertFalse(agent.contains("/unknown"), "the plugin's and the bundled client's versions: " + agent);
            assertEquals(List.of(), warnings, "WARNING or SEVERE log records about the plugin");
        }
    }

    private static Path builtHpi() {
        Path hpi = Path.of(System.getProperty("ishcd.hpi", "target/ish-cd.hpi"));
        if (!Files.isRegularFile(hpi)) {
            fail("No plugin archive at " + hpi.toAbsolutePath() + ": run `./mvnw -pl plugin -am verify` (or package"
                    + " before running this test from an IDE).");
        }
        return hpi;
    }

    /** The plugin, its bundled client and the Jackson it sees come from the class loaders Jenkins gave them. */
    private static void loadedByPluginManager(JenkinsRule r) throws Exception {
        PluginManager plugins = r.jenkins.getPluginManager();
        assertEquals(
                List.of(), plugins.getFailedPlugins().stream().map(f -> f.name).toList(), "failed plugins");
        PluginWrapper ishCd = plugins.getPlugin("ish-cd");
        assertNotNull(ishCd, "ish-cd is installed");
        assertTrue(ishCd.isActive(), "ish-cd is active");
        assertSame(ishCd.classLoader, IshCdConfiguration.class.getClassLoader(), "the plugin's own class loader");
        File lib = new File(new File(ishCd.baseResourceURL.toURI()), "WEB-INF/lib").getCanonicalFile();
        Class<?> client = ishCd.classLoader.loadClass("io.jenkins.plugins.ishcd.client.IshCdClient");
        assertSame(ishCd.classLoader, client.getClassLoader());
        assertEquals(lib, Which.jarFile(client).getCanonicalFile().getParentFile(), "the client bundled in the .hpi");
        assertEquals(
                lib, Which.jarFile(IshCdConfiguration.class).getCanonicalFile().getParentFile(), "the plugin");
        Class<?> jackson = ishCd.classLoader.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
        assertSame(plugins.getPlugin("jackson2-api").classLoader, jackson.getClassLoader(), "Jackson");
    }

    private static String runPipeline(JenkinsRule r, String baseUrl, String token) throws Exception {
        IshCdTestSupport.addCredential(r.jenkins, "ish-token", token);
        IshCdConfiguration config = IshCdConfiguration.get();
        config.setBaseUrl(baseUrl);
        config.setCredentialsId("ish-token");
        config.setInitialPollSeconds(1);
        config.setMaxPollSeconds(1);
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(
                "def run = ishRun project: 'my-corp', job: 'deploy', env: [BRANCH: 'main']\n"
                        + "echo \"ishRun returned ${run.status}\"",
                true));
        WorkflowRun b = r.buildAndAssertSuccess(job);
        return JenkinsRule.getLog(b);
    }

    /** @return the log records at WARNING or above since start that name the plugin or its package, token masked */
    private static ArrayList<String> pluginWarnings(JenkinsRule r, String token) {
        SimpleFormatter formatter = new SimpleFormatter();
        ArrayList<String> found = new ArrayList<>();
        for (LogRecord record : new ArrayList<>(Jenkins.logRecords)) {
            String text = formatter.format(record).replace(token, "[token]");
            String lower = text.toLowerCase(Locale.ROOT);
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    && (lower.contains("ishcd") || lower.contains("ish-cd"))) {
                found.add(text);
            }
        }
        return found;
    }

    /** The canary: the token is in no file of JENKINS_HOME (the credential keeps it encrypted) nor in the output. */
    private static void assertTokenNowhere(Path home, String token, String output) throws Exception {
        List<String> files;
        List<String> holding = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(Files::isRegularFile)
                    .map(f -> home.relativize(f).toString().replace('\\', '/'))
                    .toList();
        }
        for (String f : files) {
            if (new String(Files.readAllBytes(home.resolve(f)), StandardCharsets.ISO_8859_1).contains(token)) {
                holding.add(f);
            }
        }
        assertTrue(files.contains("credentials.xml") && files.contains("jobs/deploy/builds/1/log"), "scanned " + files);
        assertEquals(List.of(), holding, "files holding the token");
        assertTrue(output.contains("Jenkins is fully up and running"), "Jenkins' output was read");
        assertFalse(output.contains(token), "the token is in Jenkins' output");
    }
}
