package io.jenkins.plugins.ishcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IshEnvVariableTest {

    @Test
    void mapKeepsOrderAndExpandsValues() {
        List<IshEnvVariable> env = List.of(new IshEnvVariable(" B ", "${X}"), new IshEnvVariable("A", "1"));
        assertEquals(Map.of("B", "x!", "A", "1"), IshEnvVariable.toMap(env, v -> v.replace("${X}", "x!")));
        assertEquals(
                List.of("B", "A"), List.copyOf(IshEnvVariable.toMap(env, v -> v).keySet()));
    }

    @Test
    void aRepeatedNameIsRefused() {
        List<IshEnvVariable> env = List.of(new IshEnvVariable("A", "1"), new IshEnvVariable("A", "2"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IshEnvVariable.toMap(env, v -> v));
        assertEquals("The Ish CD variable A is given twice: give it once.", e.getMessage());
    }

    @Test
    void toStringShowsTheNameOnly() {
        assertEquals("TOKEN", new IshEnvVariable("TOKEN", "s3cr3t").toString());
        assertEquals(List.of("TOKEN"), IshEnvVariable.names(List.of(new IshEnvVariable("TOKEN", "s3cr3t"))));
    }

    @Test
    void aValueThatIsNullIsRefusedWithASentence() {
        List<IshEnvVariable> env = List.of(new IshEnvVariable("BRANCH", null));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> IshEnvVariable.toMap(env, v -> v));
        assertEquals(
                "The Ish CD variable BRANCH has no value (null): give it a string, or an empty string.",
                e.getMessage());
    }
}
