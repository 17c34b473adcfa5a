package io.jenkins.plugins.ishcd.cli;

import io.jenkins.plugins.ishcd.client.AuthenticationException;
import io.jenkins.plugins.ishcd.client.NotFoundException;
import io.jenkins.plugins.ishcd.client.RequestRejectedException;
import io.jenkins.plugins.ishcd.client.WaitTimeoutException;
import picocli.CommandLine;

/**
 * The exit codes of {@code ish-cd}: the outcome of the run, or the kind of failure, so that a shell
 * script can tell "the deploy failed" from "the token was wrong" without reading messages.
 */
public final class ExitCode {
    /** The run ended {@code complete} (or was queued, with {@code --no-wait}). */
    public static final int COMPLETE = 0;
    /** The run ended in {@code error}. */
    public static final int RUN_ERROR = 1;
    /**
     * Usage or bad input: unknown option, bad duration, bad variable, no token, bad URL; also what Ish
     * CD refuses as bad input (HTTP 400, 413 too large, 414, 422).
     */
    public static final int USAGE = 2;
    /** Ish CD refused the token (HTTP 401 or 403). */
    public static final int AUTHENTICATION = 3;
    /** Ish CD found no such project, job or run (HTTP 404). */
    public static final int NOT_FOUND = 4;
    /** The timeout passed before the run ended; the run goes on. */
    public static final int TIMEOUT = 5;
    /** Any other failure of the API or the network. */
    public static final int FAILURE = 6;
    /** Standard output could not be written (a full disk, a closed pipe): what it shows is incomplete. */
    public static final int OUTPUT_FAILED = 7;

    private ExitCode() {}

    /**
     * @param failure what went wrong
     * @return the exit code for it
     */
    public static int of(Throwable failure) {
        if (failure instanceof CommandLine.ParameterException || failure instanceof IllegalArgumentException) {
            return USAGE;
        }
        if (failure instanceof RequestRejectedException) {
            int status = ((RequestRejectedException) failure).httpStatus();
            return status == 400 || status == 413 || status == 414 || status == 422 ? USAGE : FAILURE;
        }
        if (failure instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof WaitTimeoutException) {
            return TIMEOUT;
        }
        return FAILURE;
    }
}
