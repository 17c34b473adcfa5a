package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import org.junit.jupiter.api.Test;

/** What {@link Main} does around a command: the name it is called by, and a quick exit. */
class MainTest {
    @Test
    void theCommandIsTheLaunchersOrTheJarAsTyped() {
        assertThat(Main.command("ish-cd-cli/ish-cd", "x.jar get")).isEqualTo("ish-cd-cli/ish-cd");
        assertThat(Main.command(null, "ish-cd-cli/target/ish-cd.jar demo")).isEqualTo(
                "java -jar ish-cd-cli/target/ish-cd.jar");
        assertThat(Main.command(null, "io.jenkins.plugins.ishcd.cli.Main demo")).isEqualTo("java -jar ish-cd.jar");
    }

    @Test
    void noHttpSelectorThreadIsLeftInNativeCodeToDelayTheExit() throws Exception {
        // HotSpot waits up to 300 ms at exit for threads in native code, such as this one in epoll_wait.
        // This stops every HTTP client's selector in the test JVM: the CLI's tests make a client per
        // command (PlainHttp), none uses the shared one.
        try (IshCdEmulator ish = IshCdEmulator.builder().demo().start();
                IshCdClient client = PlainHttp.configure(IshCdClient.builder()).baseUrl(ish.baseUrl())
                        .token(ish.issueToken("exit test")).build()) {
            client.catalog().listProjects();
            assertThat(selectors()).isPositive();

            Main.stopHttpSelectors();

            assertThat(selectors()).isZero();
        }
    }

    private static long selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
    }
}
