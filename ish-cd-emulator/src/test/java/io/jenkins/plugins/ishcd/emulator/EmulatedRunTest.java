package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatedRunTest {

    private static final Instant T0 = Instant.ofEpochSecond(1000);

    private final ProjectSpec project = new ProjectSpec.Builder("p")
            .job("j", j -> j.queuedFor(Duration.ofSeconds(5)).runningFor(Duration.ofSeconds(26)).outcome(Outcome.ERROR).log("on ${BRANCH}"))
            .build();

    @Test
    void lifeCycleFollowsTheTimings() {
        EmulatedRun run = run(null, Duration.ZERO);

        assertThat(run.stateAt(T0)).isEqualTo(new RunState("r", "queued", 0, 1000, 1000, null));
        assertThat(run.stateAt(T0.plusMillis(4999))).isEqualTo(new RunState("r", "queued", 0, 1000, 1000, null));
        assertThat(run.stateAt(T0.plusSeconds(5))).isEqualTo(new RunState("r", "running", 0, 1000, 1005, null));
        assertThat(run.stateAt(T0.plusSeconds(17))).isEqualTo(new RunState("r", "running", 12, 1000, 1005, null));
        assertThat(run.stateAt(T0.plusSeconds(31))).isEqualTo(new RunState("r", "error", 26, 1000, 1031, "on main"));
        assertThat(run.stateAt(T0.plusSeconds(9999))).isEqualTo(new RunState("r", "error", 26, 1000, 1031, "on main"));
        assertThat(run.finishes()).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void unknownStatusComesBetweenQueueAndRunningAndDelaysTheEnd() {
        EmulatedRun run = run("paused", Duration.ofSeconds(10));

        assertThat(run.stateAt(T0.plusSeconds(6))).isEqualTo(new RunState("r", "paused", 0, 1000, 1005, null));
        assertThat(run.stateAt(T0.plusSeconds(15)).status()).isEqualTo("running");
        assertThat(run.stateAt(T0.plusSeconds(40)).status()).isEqualTo("running");
        assertThat(run.stateAt(T0.plusSeconds(41))).isEqualTo(new RunState("r", "error", 26, 1000, 1041, "on main"));
        assertThat(run.stateAt(T0.plusSeconds(6)).finished()).isFalse();
    }

    @Test
    void keepsWhatItWasTriggeredWith() {
        EmulatedRun run = run(null, Duration.ZERO);

        assertThat(run.env()).containsExactly(Map.entry("BRANCH", "main"));
        assertThat(run.project()).isSameAs(project);
        assertThat(run.job().machineName()).isEqualTo("j");
        assertThat(run.created()).isEqualTo(T0);
    }

    private EmulatedRun run(String paused, Duration pausedFor) {
        return new EmulatedRun("r", project, project.jobs().get(0), Map.of("BRANCH", "main"), T0, paused, pausedFor);
    }
}
