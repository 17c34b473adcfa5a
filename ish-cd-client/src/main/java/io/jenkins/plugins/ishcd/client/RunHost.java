package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * What a {@link RunLife} needs from the program that hosts it (a Jenkins build step, a command):
 * the token, a console, a place to show the run, and somewhere to deliver the end. Every method is
 * called by the life's pool, one call at a time, never on the client's threads; a call may block
 * briefly (a credentials provider, a file write). Exactly one of {@link #succeeded},
 * {@link #failed} and {@link #stopped} is called, once, unless the life is shut down first.
 */
public interface RunHost {

    /**
     * Makes a client with the API base URL and the token as they are now: called before the
     * trigger, after a restart, and once more when Ish CD refuses the token during a wait (so a
     * credential rotated meanwhile is used).
     *
     * @return the client
     * @throws Exception whose message is one sentence for the user (a missing credential, a bad URL);
     *     the life ends with it, followed by the run's id when one exists
     */
    @NonNull
    IshCdClient connect() throws Exception;

    /** @return how to wait, asked when a wait begins (so a deadline counts what is left of it) */
    @NonNull
    WaitOptions waitOptions();

    /** @return whether to wait for the run to end; false ends the life as soon as the run exists */
    boolean waitForRun();

    /** @return whether a run that ends in {@code error} ends the life with {@link #failed} */
    boolean propagate();

    /** @param line one line for the user's console, without a line break */
    void print(@NonNull String line);

    /**
     * The trigger created this run: show it and keep its id. Called once; also when the life was
     * stopped while the trigger was under way, since nothing else will report that run.
     *
     * @param run the run as the trigger returned it
     */
    void created(@NonNull Run run);

    /**
     * The life goes on with a run created before a restart.
     *
     * @param run the run as last seen: its id and status, nothing else
     */
    void resumed(@NonNull Run run);

    /** @param run the run as a poll just saw it, with a status other than the last one */
    void statusChanged(@NonNull Run run);

    /**
     * The run ended: keep and show its log and summary.
     *
     * @param run the finished run
     * @return the value to hand to {@link #succeeded}; a {@link RuntimeException} thrown here ends the
     *     life with {@link #failed} instead
     */
    @CheckForNull
    Object finished(@NonNull Run run);

    /** @param value the run as plain values ({@link Run#toMap(JobRef)}), or what {@link #finished} returned */
    void succeeded(@CheckForNull Object value);

    /** @param sentence why the life ended: one sentence naming the run, if one was created, and the fix */
    void failed(@NonNull String sentence);

    /**
     * The life ended because {@link RunLife#stop} was called; the user has read what goes on.
     *
     * @param cause the cause given to {@link RunLife#stop}
     */
    void stopped(@NonNull Throwable cause);
}
