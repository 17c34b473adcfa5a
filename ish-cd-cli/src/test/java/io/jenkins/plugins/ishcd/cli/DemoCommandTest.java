package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ish-cd demo}: the README's "run the main job" command. */
class DemoCommandTest {
    @Test
    void demoRunsOneCompleteAndOneFailingRunAndExitsZero() {
        // Fast clock: the demo's 13 s of runs take a fraction of a second; no token or variable is needed.
        Cli.Result r = Cli.run(Map.of(), "demo", "--speed", "50");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("deployed main").contains("Access denied for user 'backup'");
        assertThat(r.err().lines()).containsSubsequence(
                "$ ish-cd run --project my-corp --job deploy --env BRANCH=main",
                "(exit code 0)",
                "$ ish-cd run --project my-corp --job backup --env TARGET=prod",
                "(exit code 1)");
        assertThat(r.err()).containsPattern("Triggered Ish CD job my-corp/deploy: run [0-9a-f-]{36} is queued\\.")
                .contains("is running.")
                .contains("of my-corp/deploy completed in 5 s.")
                .contains("of my-corp/backup ended in error after 4 s.")
                .doesNotContain("ish-cd: ");
    }

    @Test
    void speedOutOfRangeExitsTwo() {
        Cli.Result r = Cli.run(Map.of(), "demo", "--speed", "0");

        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("speed");
    }
}
