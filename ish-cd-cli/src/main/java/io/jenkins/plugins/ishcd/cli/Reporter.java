package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.IshCdException;
import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Turns a failure into one line on standard error and an exit code. With {@code --debug} the stack
 * trace follows; it holds no token, because the client's messages never do and the token travels
 * only in a request header.
 */
final class Reporter {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private final Terminal terminal;
    private final boolean debug;

    Reporter(@NonNull Terminal terminal, boolean debug) {
        this.terminal = terminal;
        this.debug = debug;
    }

    /**
     * @param failure what went wrong
     * @param runId the run triggered before the failure, or null; named in the line if the
     *     message does not already, so that a failure after the trigger never loses the run
     * @return the exit code
     */
    int fail(@NonNull Throwable failure, @CheckForNull String runId) {
        terminal.onInterrupt(null); // the failure line below names the run already
        String message = sentence(failure);
        if (runId != null && !message.contains(runId)) {
            message += " Run " + runId + " was triggered and goes on in Ish CD.";
        }
        PrintWriter err = terminal.err();
        // One line whatever a server put in the message (a run id is quoted as it was sent).
        err.println("ish-cd: " + CONTROL.matcher(message).replaceAll("?"));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCode.of(failure);
    }

    private String sentence(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof IshCdException || failure instanceof IllegalArgumentException) {
            if (message != null && !message.isBlank()) {
                return message.strip();
            }
        }
        // Not one of the sentences the client or the checks write: name it and point to --debug.
        return "Unexpected failure (" + failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.strip()) + ")" + (debug ? "." : "; run again with --debug for details.");
    }
}
