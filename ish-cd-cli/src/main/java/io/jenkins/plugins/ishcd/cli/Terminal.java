package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a command may touch of the world outside it: environment variables, standard output and
 * standard error. Injected, so that tests run commands in-process with their own streams and
 * variables; only {@link Main} binds it to the real ones.
 *
 * <p>Standard output carries data (a run's log, its id with {@code --no-wait}, or JSON); standard
 * error carries what happens (status changes, failures), so {@code ish-cd run ... > log.txt} keeps
 * the log clean.
 */
public final class Terminal {
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean errIsTerminal;
    private final String command;
    private final AtomicReference<String> interruptNotice = new AtomicReference<>();

    /**
     * For tests and embedding: standard error is not a terminal, the tool is called {@code ish-cd}.
     *
     * @param env environment variables by name, e.g. {@code System.getenv()}
     * @param out standard output
     * @param err standard error
     */
    public Terminal(@NonNull Map<String, String> env, @NonNull PrintWriter out, @NonNull PrintWriter err) {
        this(env, out, err, false, "ish-cd");
    }

    /**
     * @param env environment variables by name, e.g. {@code System.getenv()}
     * @param out standard output; its errors must show in {@link PrintWriter#checkError()}, so not a
     *     writer over {@code System.out}, which swallows them
     * @param err standard error
     * @param errIsTerminal whether standard error is a terminal, where a status line may be redrawn
     * @param command how the user runs this tool, e.g. {@code ish-cd-cli/ish-cd}, for commands we suggest
     */
    public Terminal(@NonNull Map<String, String> env, @NonNull PrintWriter out, @NonNull PrintWriter err,
            boolean errIsTerminal, @NonNull String command) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.errIsTerminal = errIsTerminal;
        this.command = Objects.requireNonNull(command, "command");
    }

    /**
     * @param name a variable name, e.g. {@code ISH_CD_TOKEN}
     * @return its value, or null when unset or blank (a blank variable is treated as unset)
     */
    @CheckForNull
    public String env(@NonNull String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** @return standard output: the data a script reads */
    @NonNull
    public PrintWriter out() {
        return out;
    }

    /** @return standard error: status changes and failures a person reads */
    @NonNull
    public PrintWriter err() {
        return err;
    }

    /** @return whether standard error is a terminal (then a live status line is shown while waiting) */
    public boolean errIsTerminal() {
        return errIsTerminal;
    }

    /** @return how the user runs this tool, e.g. {@code ish-cd-cli/ish-cd} or {@code java -jar ish-cd.jar} */
    @NonNull
    public String command() {
        return command;
    }

    /**
     * Writes one line to standard error and flushes it, so that it shows before anything printed
     * later on standard output.
     *
     * @param line the line, without a trailing newline
     */
    public void say(@NonNull String line) {
        err.println(line);
        err.flush();
    }

    /**
     * @param notice what to tell the user if the process is stopped now (Ctrl+C while waiting: which
     *     run goes on), or null once there is nothing to tell
     */
    public void onInterrupt(@CheckForNull String notice) {
        interruptNotice.set(notice);
    }

    /** @return the notice for a stop now, or null; see {@link #onInterrupt} */
    @CheckForNull
    public String interruptNotice() {
        return interruptNotice.get();
    }
}
