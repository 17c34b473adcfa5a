package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IshRunArgumentsTest {

    @Test
    void labelNamesVariablesButNeverValues() {
        assertEquals(
                "my-corp/deploy (env: BRANCH, TAG)",
                IshRunArguments.label(Map.of("project", "my-corp", "job", "deploy", "env", ordered("BRANCH", "TAG"))));
        assertEquals(
                "my-corp/deploy (env: BRANCH)",
                IshRunArguments.label(Map.of(
                        "project",
                        "my-corp",
                        "job",
                        "deploy",
                        "env",
                        List.of(Map.of("name", "BRANCH", "value", "secret-a")))));
        assertEquals("my-corp/deploy", IshRunArguments.label(Map.of("project", "my-corp", "job", "deploy")));
        assertNull(IshRunArguments.label(Map.of("project", "my-corp")));
    }

    private static Map<String, Object> ordered(String first, String second) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put(first, "secret-a");
        env.put(second, "b");
        return env;
    }

    @Test
    void aNullValueIsKeptForTheStepToRefuseWithASentence() {
        Map<String, Object> env = new HashMap<>();
        env.put("BRANCH", null);
        Map<String, Object> arguments = IshRunArguments.instantiate(Map.of("project", "p", "job", "j", "env", env));
        Map<String, Object> variable = new HashMap<>();
        variable.put("name", "BRANCH");
        variable.put("value", null);
        assertEquals(List.of(variable), arguments.get("env"));
    }
}
