package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live status line and the heartbeat, on a clock the test moves. */
class WaitProgressTest {
    private static final String ID = "3abed1d7-68ec-4151-ae87-edcc918315b4";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Terminal terminal = new Terminal(Map.of(), new PrintWriter(out), new PrintWriter(err));
    private final AtomicLong now = new AtomicLong();

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void withoutATerminalAHeartbeatComesAfter30SilentSecondsThenLessOften() {
        WaitProgress progress = new WaitProgress(terminal, false, now::get);
        progress.start(ID, "queued");
        progress.say("Triggered.");
        progress.status("running");
        for (int s = 0; s < 8 * 60; s++) {
            advance(Duration.ofSeconds(1));
            progress.tick();
        }
        progress.close();

        assertThat(err.toString().lines()).containsExactly("Triggered.",
                "Ish CD run " + ID + " is still running after 30 s.",
                "Ish CD run " + ID + " is still running after 1 min 30 s.",
                "Ish CD run " + ID + " is still running after 3 min 30 s.",
                "Ish CD run " + ID + " is still running after 7 min 30 s.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void newsStartsTheHeartbeatOver() {
        WaitProgress progress = new WaitProgress(terminal, false, now::get);
        progress.start(ID, "queued");
        advance(Duration.ofSeconds(29));
        progress.tick();
        progress.status("running");
        progress.say("Ish CD run " + ID + " is running.");
        advance(Duration.ofSeconds(29));
        progress.tick();

        assertThat(err.toString().lines()).containsExactly("Ish CD run " + ID + " is running.");
    }

    @Test
    void onATerminalTheLineIsRedrawnAndErasedBeforeEveryOtherLine() {
        WaitProgress progress = new WaitProgress(terminal, true, now::get);
        progress.start(ID, "running");
        advance(Duration.ofSeconds(65));
        progress.tick();
        assertThat(err.toString()).isEqualTo("\rIsh CD run 3abed1d7... is running (waited 1 min 5 s)");

        progress.nextCheckIn(Duration.ofMillis(11_500));
        progress.say("Ish CD answered HTTP 502.");
        String blank = " ".repeat("Ish CD run 3abed1d7... is running (waited 1 min 5 s)".length());
        assertThat(err.toString()).endsWith("\r" + blank + "\rIsh CD answered HTTP 502.\n"
                + "\rIsh CD run 3abed1d7... is running (waited 1 min 5 s, next check in 12 s)");

        progress.close();
        assertThat(err.toString()).endsWith("\r" + " ".repeat(
                "Ish CD run 3abed1d7... is running (waited 1 min 5 s, next check in 12 s)".length()) + "\r");
        progress.tick();
        assertThat(err.toString()).endsWith("\r");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aHostileStatusCannotMoveTheCursorOrWrapTheLine() {
        WaitProgress progress = new WaitProgress(terminal, true, now::get);
        progress.start(ID + "x".repeat(300), "run\u001b[2Jning" + "!".repeat(100));

        assertThat(progress.liveLine()).doesNotContain("\u001b").hasSizeLessThanOrEqualTo(WaitProgress.MAX_LIVE)
                .startsWith("Ish CD run 3abed1d7... is run?[2Jning!!");
    }
}
