package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Item;
import io.jenkins.plugins.ishcd.client.Durations;
import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * The settings of one Ish CD run as the build uses them: the step's fields within the
 * administrator's limits, and the credential (the step's own, else the nearest folder's default,
 * {@link IshCdFolderProperty}, else the global default), fixed when the step starts. Kept by the
 * Pipeline execution so that a restart waits with the same limits, credential and deadline. Holds
 * no secret, and not the API URL: each connection uses the one configured at that moment, so a
 * moved URL is followed.
 */
final class IshRunSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String credentialsId;
    /** The full name of the folder whose default {@link #credentialsId} is, or null. */
    private final String credentialsFolder;

    private final boolean wait;
    private final boolean propagate;
    private final boolean printLog;
    private final int logCapChars;
    /** The step's own intervals, 0 when not set, and the administrator's limits, all in seconds. */
    private final int initialPollSeconds;

    private final int maxPollSeconds;
    private final int limitInitialSeconds;
    private final int limitMaxSeconds;
    /** Epoch milliseconds after which the wait gives up, or 0 for none. */
    private final long deadlineMillis;
    /** The step's expected duration, or null to time the polls from the job's history. */
    private final Duration expected;

    private IshRunSettings(IshRunSpec spec, Item job, IshCdConfiguration config, long nowMillis) {
        String own = spec.getCredentialsId();
        IshCdFolderProperty.FolderDefault folder =
                own == null && job != null ? IshCdFolderProperty.nearest(job.getParent()) : null;
        this.credentialsId = own != null ? own : folder != null ? folder.credentialsId() : config.getCredentialsId();
        this.credentialsFolder = folder != null ? folder.folder() : null;
        this.wait = spec.isWait();
        this.propagate = spec.isPropagate();
        this.printLog = spec.isPrintLog();
        this.logCapChars = config.getLogCapChars();
        this.initialPollSeconds = spec.getInitialPollSeconds();
        this.maxPollSeconds = spec.getMaxPollSeconds();
        this.limitInitialSeconds = config.getInitialPollSeconds();
        this.limitMaxSeconds = config.getMaxPollSeconds();
        this.deadlineMillis = spec.getTimeout() > 0
                ? nowMillis + Duration.ofMinutes(spec.getTimeout()).toMillis()
                : 0;
        this.expected = expectedDuration(spec.getExpectedDuration());
    }

    /**
     * @param job the job of the build, whose folders may hold a default credential; null for none
     * @throws AbortException with the client's sentence when the step's values cannot make a wait
     *     (a timeout beyond a year), before anything is triggered
     */
    @NonNull
    static IshRunSettings of(
            @NonNull IshRunSpec spec, @CheckForNull Item job, @NonNull IshCdConfiguration config, long nowMillis)
            throws AbortException {
        try {
            IshRunSettings settings = new IshRunSettings(spec, job, config, nowMillis);
            settings.waitOptions(nowMillis);
            return settings;
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * @param text the step's {@code expectedDuration}: {@code 10m}, {@code 1h30m}, {@code PT5M}, or blank for none
     * @return the duration, or null for none
     * @throws IllegalArgumentException with one sentence naming the field, for text that is no duration
     *     or one outside 1 s to 366 d
     */
    @CheckForNull
    static Duration expectedDuration(@CheckForNull String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration parsed;
        try {
            parsed = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expectedDuration: " + e.getMessage(), e);
        }
        return ExpectedDuration.given(parsed).typical(); // its own sentence names the expected duration
    }

    /** @return the step's expected duration, or null to time the polls from the job's history */
    @CheckForNull
    Duration expected() {
        return expected;
    }

    /** @return the duration, or null for 0 ("not set") */
    private static Duration seconds(int value) {
        return value > 0 ? Duration.ofSeconds(value) : null;
    }

    @CheckForNull
    String credentialsId() {
        return credentialsId;
    }

    /** @return the full name of the folder whose default {@link #credentialsId()} is, or null */
    @CheckForNull
    String credentialsFolder() {
        return credentialsFolder;
    }

    boolean waitForRun() {
        return wait;
    }

    boolean propagate() {
        return propagate;
    }

    boolean printLog() {
        return printLog;
    }

    int logCapChars() {
        return logCapChars;
    }

    /**
     * @param nowMillis the current time, to turn the deadline into what is left of the timeout
     * @return the client's wait options
     */
    @NonNull
    WaitOptions waitOptions(long nowMillis) {
        // A script may poll less often than the administrator's first interval, never more often.
        WaitOptions.Builder b = WaitOptions.builder()
                .intervalsWithin(
                        seconds(initialPollSeconds),
                        seconds(maxPollSeconds),
                        Duration.ofSeconds(limitInitialSeconds),
                        Duration.ofSeconds(limitMaxSeconds));
        if (deadlineMillis > 0) {
            // Past the deadline (after a long restart) the client times out at once, with its message.
            b.timeout(Duration.ofMillis(Math.max(1, deadlineMillis - nowMillis)));
        }
        return b.build();
    }
}
