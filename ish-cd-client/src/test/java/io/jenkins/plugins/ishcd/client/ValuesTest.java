package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types: validation with clear messages, and what they show. */
class ValuesTest {
    @Test
    void jobRefTrimsAndRefusesBlankParts() {
        assertThat(JobRef.of(" my-corp ", "deploy").toString()).isEqualTo("my-corp/deploy");
        assertThatThrownBy(() -> JobRef.of(" ", "deploy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Ish CD project is empty: give the project's machine name or ID.");
        assertThatThrownBy(() -> JobRef.of("p", null)).hasMessageContaining("job is empty");
        assertThat(JobRef.of("p", "j")).isEqualTo(JobRef.of("p", "j")).isNotEqualTo(JobRef.of("p", "k"));
    }

    @Test
    void aLineBreakInAProjectOrJobIsRefusedInOneLine() {
        // It used to be echoed raw, splitting every message about the job over two lines.
        assertThatThrownBy(() -> JobRef.of("my\ncorp", "deploy"))
                .hasMessage("The Ish CD project 'my?corp' contains a line break or another control character (shown"
                        + " as ?): give the project's machine name or ID on its own.");
        assertThatThrownBy(() -> JobRef.of("p", "de\u001b[2Jploy")).hasMessageContaining("job 'de?[2Jploy'");
        assertThat(JobRef.of("p", "deploy\n").job()).isEqualTo("deploy");
    }

    @Test
    void envNamesFollowShellRules() {
        assertThat(Env.isValidName("BRANCH_NAME")).isTrue();
        assertThat(Env.isValidName("_x1")).isTrue();
        assertThat(Env.isValidName("1X")).isFalse();
        assertThat(Env.isValidName("A-B")).isFalse();
        assertThat(Env.isValidName("")).isFalse();
        assertThat(Env.isValidName(null)).isFalse();
        assertThatThrownBy(() -> Env.checkName("MY-VAR")).hasMessageContaining("'MY-VAR' is not valid");
    }

    @Test
    void assignmentSplitsAtFirstEquals() {
        assertThat(Env.parseAssignment("QUERY=a=b")).isEqualTo(Map.entry("QUERY", "a=b"));
        assertThat(Env.parseAssignment("EMPTY=")).isEqualTo(Map.entry("EMPTY", ""));
        assertThat(Env.parseAssignment("GREETING=héllo ✓ =")).isEqualTo(Map.entry("GREETING", "héllo ✓ ="));
    }

    @Test
    void assignmentWithoutEqualsOrBadNameIsRefused() {
        assertThatThrownBy(() -> Env.parseAssignment("BRANCH")).hasMessageContaining("has no '='");
        assertThatThrownBy(() -> Env.parseAssignment("9X=1")).hasMessageContaining("'9X' is not valid");
    }

    @Test
    void listOfVariablesBecomesAnOrderedMapAndARepeatedNameIsRefused() {
        assertThat(Env.toMap(List.of(Map.entry("Z", "1"), Map.entry("A", "")))).containsExactly(
                Map.entry("Z", "1"), Map.entry("A", ""));
        assertThatThrownBy(() -> Env.toMap(List.of(Map.entry("BRANCH", "a"), Map.entry("BRANCH", "b"))))
                .hasMessage("The Ish CD variable BRANCH is given twice: give it once.");
        assertThatThrownBy(() -> Env.toMap(List.of(Map.entry("A B", "x")))).hasMessageContaining("'A B' is not valid");
    }

    @Test
    void runRequestKeepsOrderAndRefusesNullValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Z", "1");
        env.put("A", "2");
        RunRequest r = RunRequest.of(JobRef.of("p", "j"), env);
        assertThat(r.env().keySet()).containsExactly("Z", "A");
        env.put("B", null);
        assertThatThrownBy(() -> RunRequest.of(JobRef.of("p", "j"), env))
                .hasMessage("The Ish CD variable B has no value: give it a string, or an empty string.");
    }

    @Test
    void aRequestOverOneMebibyteIsRefusedBeforeItIsSent() {
        JobRef job = JobRef.of("p", "j");
        // {"env":{"BIG":"..."}} is 18 bytes around the value.
        assertThat(RunRequest.of(job, Map.of("BIG", "x".repeat(1024 * 1024 - 18))).env()).hasSize(1);
        assertThatThrownBy(() -> RunRequest.of(job, Map.of("BIG", "x".repeat(1024 * 1024 - 17))))
                .hasMessage("The variables of the Ish CD run add up to 1,048,577 bytes of JSON, more than the 1 MiB"
                        + " (1,048,576 bytes) this client sends: pass large data another way, for example as a file"
                        + " the job downloads.");
    }

    @Test
    void userTextQuotedInAMessageStaysOnOneShortLine() {
        assertThatThrownBy(() -> Env.parseAssignment("BRANCH\nmain")).hasMessage(
                "The variable 'BRANCH?main' has no '=': write it as NAME=VALUE, for example BRANCH=main.");
        assertThatThrownBy(() -> Env.checkName("X".repeat(1000) + "-")).message().hasSizeLessThan(200);
    }

    @Test
    void runRequestToStringShowsNamesNotValues() {
        RunRequest r = RunRequest.of(JobRef.of("p", "j"), Map.of("PASSWORD", "hunter2"));
        assertThat(r.toString()).isEqualTo("p/j (env: PASSWORD)").doesNotContain("hunter2");
    }

    @Test
    void statusFromWireIsCaseInsensitiveAndUnknownOtherwise() {
        assertThat(RunStatus.fromWire("Complete")).isEqualTo(RunStatus.COMPLETE);
        assertThat(RunStatus.fromWire("paused")).isEqualTo(RunStatus.UNKNOWN);
        assertThat(RunStatus.fromWire("unknown")).isEqualTo(RunStatus.UNKNOWN);
        assertThat(RunStatus.fromWire(null)).isEqualTo(RunStatus.UNKNOWN);
        assertThat(RunStatus.ERROR.isFinished()).isTrue();
        assertThat(RunStatus.RUNNING.isFinished()).isFalse();
    }

    @Test
    void runMapHasTheApiFieldsAndToStringNoLog() {
        Run run = new Run("r1", "paused", 26, Instant.ofEpochSecond(1498714037), null, "secret log");
        assertThat(run.status()).isEqualTo(RunStatus.UNKNOWN);
        assertThat(run.rawStatus()).isEqualTo("paused");
        assertThat(run.toMap().keySet()).containsExactly("id", "status", "duration", "created", "changed", "log");
        assertThat(run.toMap()).containsEntry("id", "r1").containsEntry("status", "paused")
                .containsEntry("duration", 26L).containsEntry("created", 1498714037L)
                .containsEntry("changed", null).containsEntry("log", "secret log");
        assertThat(run.toString()).doesNotContain("secret log").contains("r1", "paused", "26 s");
        assertThat(new Run("r2", null, 0, null, null, null).log()).isEmpty();
        assertThatThrownBy(() -> new Run(" ", "queued", 0, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
