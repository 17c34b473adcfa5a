package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code ish-cd} in-process with its own streams and environment, as the tests' one entry point. */
final class Cli {
    private Cli() {}

    /** What one invocation left behind. */
    record Result(int exit, String out, String err) {
        /** @return the lines of standard error that report a failure */
        long errorLines() {
            return err.lines().filter(l -> l.startsWith("ish-cd: ")).count();
        }

        /** Fails when {@code secret} appears in either stream. */
        Result assertNoSecret(String secret) {
            assertThat(out).as("stdout").doesNotContain(secret);
            assertThat(err).as("stderr").doesNotContain(secret);
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout (" + out.length() + " chars) ---\n"
                    + (out.length() > 2000 ? out.substring(0, 2000) + "..." : out) + "\n--- stderr ---\n" + err;
        }
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IshCd.execute(new Terminal(env, new PrintWriter(out), new PrintWriter(err)), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
