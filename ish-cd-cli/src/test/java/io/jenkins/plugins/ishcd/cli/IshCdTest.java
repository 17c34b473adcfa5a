package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The top-level command: help, version, and usage errors. */
class IshCdTest {
    @Test
    void noCommandExitsTwoNamingTheCommands() {
        Cli.Result r = Cli.run(Map.of());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("run, get or demo");
    }

    @Test
    void unknownCommandExitsTwo() {
        Cli.Result r = Cli.run(Map.of(), "deploy");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("ish-cd: ").contains("'deploy'");
    }

    @Test
    void helpGoesToStandardOutputAndExitsZero() {
        Cli.Result r = Cli.run(Map.of(), "run", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--project=PROJECT").contains("--token-file=FILE").contains("--no-wait")
                .contains("5 timed out").doesNotContain("--token=");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void versionNamesTheTool() {
        Cli.Result r = Cli.run(Map.of(), "--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("ish-cd ");
    }

    @Test
    void tokenOptionIsRefusedWithoutEchoingTheToken() {
        String canary = "canary-eyJhbGciOiJIUzI1NiJ9";
        for (String[] args : new String[][] {
            {"run", "--project", "p", "--job", "j", "--token", canary},
            {"run", "--project", "p", "--job", "j", "--token=" + canary}}) {
            Cli.Result r = Cli.run(Map.of(), args);

            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines()).singleElement().asString().contains("no --token option")
                    .contains("ISH_CD_TOKEN");
            r.assertNoSecret(canary);
        }
    }

    @Test
    void malformedTokenIsRefusedWithoutEchoingIt() {
        String canary = "canary token with spaces";
        Cli.Result r = Cli.run(Map.of("ISH_CD_TOKEN", canary), "run", "--project", "p", "--job", "j");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("token");
        r.assertNoSecret(canary);
    }
}
