package io.jenkins.plugins.ishcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

    /** Like {@link #run}, with standard error a terminal or not and the tool called {@code command}. */
    static Result run(Map<String, String> env, boolean errIsTerminal, String command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = IshCd.execute(new Terminal(env, new PrintWriter(out), new PrintWriter(err), errIsTerminal, command),
                args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Like {@link #run}, with a standard output whose every write fails, as on a full disk. */
    static Result runWithFullStdout(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        PrintWriter out = new PrintWriter(new OutputStreamWriter(full, StandardCharsets.UTF_8));
        int exit = IshCd.execute(new Terminal(env, out, new PrintWriter(err)), args);
        return new Result(exit, "", err.toString());
    }
}
