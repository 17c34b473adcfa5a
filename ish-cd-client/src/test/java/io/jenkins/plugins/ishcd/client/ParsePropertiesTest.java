package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of the parsers, checked on thousands of generated inputs: whatever a server sends, the
 * client's real reading path (body limit, JSON, run fields, failure sentence) ends in a run or in a
 * {@link ProtocolException} with one readable sentence; whatever a user writes as variables, the rules
 * end in a request or in one sentence. Never another exception, a line break, a control character or
 * the token.
 *
 * <p>Inputs come from a seeded {@link Random}: a failure names the seed and the input, so it can be
 * replayed. (jqwik's current releases ask not to be used by coding agents, which write much of this
 * project, so these checks use JUnit alone.)
 */
class ParsePropertiesTest {
    private static final String TOKEN = WireMockSupport.CANARY;
    private static final JobRef JOB = JobRef.of("my-corp", "deploy");
    private static final long SEED = Long.getLong("ishcd.propertySeed", 20261201L);
    private static final String[] FIELDS = {"id", "status", "duration", "created", "changed", "log", "x"};
    private static final String[] VALUES = {"0", "26", "-5", "26.7", "1e30", "1e-999999999", "9".repeat(1001),
        "18446744073709551616", "\"26\"", "\" 1498714037 \"", "\"1e19\"", "\"" + "0".repeat(60) + "26\"", "null",
        "true", "{}", "[]", "[1,{}]", "\"" + TOKEN + "\"", "\"complete\"", "\"error\"", "\"queued\"", "\"\""};

    @Test
    void anyBytesAsARunAnswerGiveARunOrAProtocolException() {
        forAll(2000, r -> {
            byte[] body = new byte[r.nextInt(600)];
            r.nextBytes(body);
            return body;
        }, ParsePropertiesTest::readAsRun);
    }

    @Test
    void anyRunLikeJsonGivesARunOrAProtocolException() {
        forAll(3000, ParsePropertiesTest::runLikeJson, body -> readAsRun(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anyVariablesGiveARequestOrOneSentence() {
        forAll(3000, ParsePropertiesTest::assignments, assignments -> {
            Throwable failure = catchThrowable(() -> RunRequest.of(JOB,
                    Env.toMap(assignments.stream().map(Env::parseAssignment).collect(Collectors.toList()))));
            if (failure != null) {
                assertThat(failure).isExactlyInstanceOf(IllegalArgumentException.class);
                assertOneSentence(failure.getMessage());
            }
        });
    }

    private static <T> void forAll(int tries, Function<Random, T> generator, Consumer<T> property) {
        Random random = new Random(SEED);
        for (int i = 0; i < tries; i++) {
            T input = generator.apply(random);
            try {
                property.accept(input);
            } catch (AssertionError e) {
                throw new AssertionError("Try " + (i + 1) + " of seed " + SEED + " failed for input "
                        + shown(input) + ": " + e.getMessage(), e);
            }
        }
    }

    private static void readAsRun(byte[] body) {
        IshCdClient client = IshCdClient.builder().baseUrl("https://api.ish-cd.com/v1").token(TOKEN)
                .httpClient(new CannedHttpClient(200, body)).maxResponseBytes(4096).build();
        Throwable failure = catchThrowable(() -> client.getRun(JOB, "3abed1d7"));
        if (failure != null) {
            assertThat(failure).isExactlyInstanceOf(ProtocolException.class);
            assertOneSentence(failure.getMessage());
            assertThat(failure.getMessage()).contains("reading run 3abed1d7 of my-corp/deploy");
        }
    }

    private static void assertOneSentence(String message) {
        assertThat(message).isNotBlank().endsWith(".").doesNotContain(TOKEN).hasSizeLessThan(1000);
        assertThat(message.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT)).as("control or format characters in: %s", message).isEmpty();
    }

    private static String runLikeJson(Random r) {
        List<String> members = new ArrayList<>();
        for (int i = r.nextInt(8); i > 0; i--) {
            String value;
            switch (r.nextInt(4)) {
                case 0: value = "\"" + text(r, 30).replace("\\", "\\\\").replace("\"", "\\\"") + "\""; break;
                case 1: value = text(r, 30); break; // not JSON, on purpose
                default: value = VALUES[r.nextInt(VALUES.length)]; break;
            }
            members.add("\"" + FIELDS[r.nextInt(FIELDS.length)] + "\": " + value);
        }
        String json = "{" + String.join(", ", members) + "}";
        return r.nextInt(10) == 0 ? json.substring(0, r.nextInt(json.length() + 1)) : json; // sometimes cut short
    }

    private static List<String> assignments(Random r) {
        List<String> list = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            String name = r.nextBoolean() ? "ABCDEFGH".substring(r.nextInt(8)) + "_" : text(r, 10);
            switch (r.nextInt(5)) {
                case 0: list.add(text(r, 30)); break;
                case 1: list.add(name + "=" + "x".repeat(1024 * 1024)); break;
                default: list.add(name + "=" + text(r, 40)); break;
            }
        }
        return list;
    }

    /** Any text: ASCII, control characters, other planes, lone surrogates. */
    private static String text(Random r, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(maxLength + 1); i > 0; i--) {
            switch (r.nextInt(4)) {
                case 0: s.append((char) r.nextInt(0x20)); break;
                case 1: s.append((char) r.nextInt(0x10000)); break;
                case 2: s.appendCodePoint(0x10000 + r.nextInt(0x100000)); break;
                default: s.append((char) (0x20 + r.nextInt(0x5f))); break;
            }
        }
        return s.toString();
    }

    private static String shown(Object input) {
        String s = input instanceof byte[] ? java.util.Arrays.toString((byte[]) input) : String.valueOf(input);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
