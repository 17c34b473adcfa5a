package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.WaitTimeoutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunConsoleTest {
    private static final JobRef JOB = JobRef.of("my-corp", "deploy");
    private static final Run QUEUED = new Run("r-1", "queued", 0, Instant.EPOCH, Instant.EPOCH, null);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Terminal terminal = new Terminal(Map.of(), new PrintWriter(out), new PrintWriter(err));

    @Test
    void whileWaitingAnInterruptWouldNameTheRunThatGoesOn() {
        RunConsole console = new RunConsole(terminal, false);
        assertThat(terminal.interruptNotice()).isNull();

        console.onTriggered(JOB, QUEUED);

        assertThat(terminal.interruptNotice()).contains("r-1").contains("goes on");
        console.finished(JOB, new Run("r-1", "complete", 3, Instant.EPOCH, Instant.EPOCH, "done"));
        assertThat(terminal.interruptNotice()).isNull();
        assertThat(out.toString()).isEqualTo("done\n");
    }

    @Test
    void aReportedFailureClearsTheInterruptNotice() {
        new RunConsole(terminal, false).onTriggered(JOB, QUEUED);

        int code = new Reporter(terminal, false).fail(new WaitTimeoutException("Stopped waiting for r-1.", JOB, "r-1",
                null), "r-1");

        assertThat(code).isEqualTo(5);
        assertThat(terminal.interruptNotice()).isNull();
    }

    @Test
    void aFailureThatDoesNotNameTheTriggeredRunGetsItsId() {
        new Reporter(terminal, false).fail(new IllegalStateException("boom"), "r-1");

        assertThat(err.toString()).startsWith("ish-cd: Unexpected failure (IllegalStateException: boom)")
                .contains("Run r-1 was triggered and goes on in Ish CD.").contains("--debug");
    }
}
