package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunJsonTest {
    private static JsonNode json(String s) throws Exception {
        return RunJson.MAPPER.readTree(s);
    }

    @Test
    void readsTheSeedsFirstExampleWithNumbers() throws Exception {
        Run run = RunJson.run(json("{\"id\": \"3abed1d7-68ec-4151-ae87-edcc918315b4\", \"status\": \"queued\","
                + " \"duration\": 0, \"created\": 1498714037, \"changed\": 1498714037}"));
        assertThat(run.id()).isEqualTo("3abed1d7-68ec-4151-ae87-edcc918315b4");
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.created()).isEqualTo(Instant.ofEpochSecond(1498714037));
        assertThat(run.hasLog()).isFalse();
    }

    @Test
    void readsTheSeedsSecondExampleWithStringsAndIgnoresUnknownFields() throws Exception {
        Run run = RunJson.run(json("{\"id\": \"3abed1d7\", \"status\": \"complete\", \"duration\": \"26\","
                + " \"created\": \"1498714037\", \"changed\": \"1498714068\", \"extra\": {\"a\": [1]},"
                + " \"log\": \" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\\n\\n\"}"));
        assertThat(run.durationSeconds()).isEqualTo(26);
        assertThat(run.changed()).isEqualTo(Instant.ofEpochSecond(1498714068));
        assertThat(run.log()).isEqualTo(" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\n\n");
    }

    @Test
    void toleratesNullsDecimalsAndEmptyStrings() throws Exception {
        Run run = RunJson.run(json("{\"id\": 42, \"status\": null, \"duration\": 26.7, \"created\": \"\", \"log\": null}"));
        assertThat(run.id()).isEqualTo("42");
        assertThat(run.durationSeconds()).isEqualTo(26);
        assertThat(run.created()).isNull();
        assertThat(run.status()).isEqualTo(RunStatus.UNKNOWN);
    }

    @Test
    void refusesWhatIsNotARun() {
        assertThatThrownBy(() -> RunJson.run(json("[1]"))).hasMessage("the answer is not a JSON object");
        assertThatThrownBy(() -> RunJson.run(json("{\"status\": \"queued\"}"))).hasMessage("the answer has no run id");
    }

    @Test
    void unreadableInformationalFieldsAreAbsentSoTheRunIdIsNeverLost() throws Exception {
        Run run = RunJson.run(json("{\"id\": \"r-9\", \"status\": \"queued\", \"duration\": \"soon\","
                + " \"created\": \"1e30\", \"changed\": \"yesterday\"}"));
        assertThat(run.id()).isEqualTo("r-9");
        assertThat(run.durationSeconds()).isZero();
        assertThat(run.created()).isNull();
        assertThat(run.changed()).isNull();
        assertThat(RunJson.run(json("{\"id\": \"r\", \"duration\": \"1e19\"}")).durationSeconds()).isZero();
        assertThat(RunJson.run(json("{\"id\": \"r\", \"duration\": -5}")).durationSeconds()).isZero();
    }

    @Test
    void controlCharactersInIdAndStatusCannotReachATerminal() throws Exception {
        Run run = RunJson.run(json("{\"id\": \"r\\u001b[2J\", \"status\": \"complete\\u001b[31m\\nFAKE OK\"}"));
        assertThat(RunReport.printable(run.id())).isEqualTo("r?[2J");
        assertThat(RunReport.statusChanged(JobRef.of("p", "j"), run)).doesNotContain("\u001b", "\n").contains("r?[2J");
        assertThat(run.rawStatus()).isEqualTo("complete?[31m?FAKE OK");
        assertThat(run.status()).isEqualTo(RunStatus.UNKNOWN);
    }

    @Test
    void theRunIdIsKeptAsSentBecauseTheNextPollAsksForIt() throws Exception {
        // Sanitize.field used to rewrite it ("a\tb" became "a b", and ids were cut at 200 characters).
        String long250 = "r".repeat(250);
        assertThat(RunJson.run(json("{\"id\": \"a\\tb\"}")).id()).isEqualTo("a\tb");
        assertThat(RunJson.run(json("{\"id\": \"" + long250 + "\"}")).id()).isEqualTo(long250);
        assertThatThrownBy(() -> RunJson.run(json("{\"id\": \"" + "r".repeat(1025) + "\"}")))
                .hasMessage("the run id is longer than 1024 characters");
    }

    @Test
    void aNumberSentAsAVeryLongStringIsNotParsed() throws Exception {
        // new BigDecimal(text) takes time that grows faster than the text: a megabyte of digits is refused unread.
        String padded = "0".repeat(1_000_000) + "26";
        assertThat(RunJson.run(json("{\"id\": \"r\", \"duration\": \"" + padded + "\"}")).durationSeconds()).isZero();
        String longest = "0".repeat(38) + "26";
        assertThat(RunJson.run(json("{\"id\": \"r\", \"duration\": \" " + longest + " \"}")).durationSeconds()).isEqualTo(26);
    }

    @Test
    void aStringLongerThanJacksonsDefaultLimitIsRead() throws Exception {
        // Jackson refuses strings over 20,000,000 characters by default; a run's log may be longer.
        String log = "x".repeat(20_000_001);
        assertThat(RunJson.run(json("{\"id\": \"r\", \"log\": \"" + log + "\"}")).log()).hasSize(20_000_001);
    }

    @Test
    void writesEnvAsAnObjectOfStringsAndNothingWhenEmpty() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRANCH", "main");
        env.put("GREETING", "grüße \"✓\"");
        assertThat(json(RunJson.requestBody(RunRequest.of(JobRef.of("p", "j"), env))))
                .isEqualTo(json("{\"env\": {\"BRANCH\": \"main\", \"GREETING\": \"grüße \\\"✓\\\"\"}}"));
        assertThat(RunJson.requestBody(RunRequest.of(JobRef.of("p", "j")))).isEqualTo("{}");
    }

    @Test
    void readsListsBareOrWrapped() throws Exception {
        assertThat(RunJson.projects(json("[{\"id\": \"1\", \"machine_name\": \"my-corp\", \"label\": \"My Corp\"}]")))
                .containsExactly(new Project("1", "my-corp", "My Corp"));
        assertThat(RunJson.jobs(json("{\"jobs\": [{\"id\": 7, \"name\": \"deploy\", \"title\": \"Deploy\"}]}")))
                .containsExactly(new Job("7", "deploy", "Deploy"));
        assertThatThrownBy(() -> RunJson.projects(json("\"x\""))).hasMessage("the answer is not a JSON list");
    }
}
