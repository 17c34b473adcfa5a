package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobArgumentTest {

    @Test
    void readsProjectJobTimingsAndOutcome() {
        assertThat(JobArgument.parse("bench/one-minute:1:59"))
                .isEqualTo(new JobArgument("bench", "one-minute", Duration.ofSeconds(1), Duration.ofSeconds(59), null));
        assertThat(JobArgument.parse("my-corp/nightly:0:0.25:error"))
                .isEqualTo(new JobArgument("my-corp", "nightly", Duration.ZERO, Duration.ofMillis(250), Outcome.ERROR));
        assertThat(JobArgument.parse("p/j")).isEqualTo(new JobArgument("p", "j", null, null, null));
    }

    @Test
    void jobsOfOneProjectMakeOneProject() {
        IshCdEmulatorBuilder builder = IshCdEmulator.builder();
        JobArgument.addAll(List.of(JobArgument.parse("a/x:2"), JobArgument.parse("b/y"), JobArgument.parse("a/z")), builder);

        try (IshCdEmulator emulator = builder.start()) {
            assertThat(emulator.projects()).extracting(ProjectSpec::machineName).containsExactly("a", "b");
            assertThat(emulator.projects().get(0).jobs()).extracting(JobSpec::machineName).containsExactly("x", "z");
            assertThat(emulator.projects().get(0).jobs().get(0).queuedFor()).isEqualTo(Duration.ofSeconds(2));
            assertThat(emulator.projects().get(0).jobs().get(1).runningFor()).as("the default").isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void mistakesSayWhatTheValueShouldLookLike() {
        assertThatThrownBy(() -> JobArgument.parse("deploy")).hasMessageContaining("is not PROJECT/JOB[:QUEUED[:RUNNING[:OUTCOME]]]");
        assertThatThrownBy(() -> JobArgument.parse("p/j:1:2:error:x")).hasMessageContaining("is not PROJECT/JOB");
        assertThatThrownBy(() -> JobArgument.parse("p/j:soon")).hasMessage("'soon' in 'p/j:soon' is not a number of seconds, zero or more");
        assertThatThrownBy(() -> JobArgument.parse("p/j:-1")).hasMessageContaining("zero or more");
        assertThatThrownBy(() -> JobArgument.parse("p/j:1:1:maybe")).hasMessageContaining("Unknown outcome 'maybe'");
    }
}
