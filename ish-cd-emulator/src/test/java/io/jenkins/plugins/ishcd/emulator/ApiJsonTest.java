package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

    private final RunState complete = new RunState("3abed1d7-68ec-4151-ae87-edcc918315b4", "complete", 26, 1498714037, 1498714068,
            " [notice] Command: my-corp.test -- drush cc all [Exit: 0]\n\n");

    @Test
    void runObjectHasTheSeedsFieldsInItsOrder() {
        assertThat(ApiJson.run(complete, false, 0).toString()).isEqualTo("{\"id\":\"3abed1d7-68ec-4151-ae87-edcc918315b4\","
                + "\"status\":\"complete\",\"duration\":26,\"created\":1498714037,\"changed\":1498714068,"
                + "\"log\":\" [notice] Command: my-corp.test -- drush cc all [Exit: 0]\\n\\n\"}");
    }

    @Test
    void numbersCanBeStringsAsInTheSeedsSecondExample() {
        assertThat(ApiJson.run(complete, true, 0).toString()).contains("\"duration\":\"26\",\"created\":\"1498714037\",\"changed\":\"1498714068\"");
    }

    @Test
    void runWithoutLogHasNoLogField() {
        assertThat(ApiJson.run(new RunState("r", "queued", 0, 1, 1, null), false, 1000).has("log")).isFalse();
    }

    @Test
    void hugeLogIsPaddedOnlyOnceFinished() {
        assertThat(ApiJson.run(complete, false, 10_000).get("log").asText()).startsWith(complete.log()).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(ApiJson.run(new RunState("r", "error", 1, 1, 2, null), false, 100).get("log").asText()).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void envIsReadFromEmptyOrEnvBodiesAndRefusedOtherwise() {
        assertThat(ApiJson.env(bytes(""))).isEmpty();
        assertThat(ApiJson.env(bytes("{\"env\": {\"VAR1\": \"value1\", \"VAR2\": \"value two\"}}")))
                .containsExactly(java.util.Map.entry("VAR1", "value1"), java.util.Map.entry("VAR2", "value two"));
        assertThatThrownBy(() -> ApiJson.env(bytes("{\"env\": {\"A\": true}}"))).hasMessageContaining("'A' must be a string");
        assertThatThrownBy(() -> ApiJson.env(bytes("{\"env\": {}, \"x\": 1}"))).hasMessageContaining("Unknown field 'x'");
        assertThatThrownBy(() -> ApiJson.env(bytes("\"env\""))).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ApiJson.env(bytes("{"))).hasMessageContaining("not valid JSON");
    }

    @Test
    void errorBodyIsAJsonMessage() {
        assertThat(new String(ApiJson.message("Project 'x' not found"), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Project 'x' not found\"}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
