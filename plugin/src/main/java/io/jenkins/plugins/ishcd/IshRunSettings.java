package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * The settings of one Ish CD run as the build uses them: the step's fields within the
 * administrator's limits, fixed when the step starts. Kept by the Pipeline execution so that a
 * restart waits on the same server, with the same limits and the same deadline. Holds no secret.
 */
final class IshRunSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String baseUrl;
    private final String credentialsId;
    private final boolean wait;
    private final boolean propagate;
    private final boolean printLog;
    private final int logCapChars;
    private final int initialPollSeconds;
    private final int maxPollSeconds;
    /** Epoch milliseconds after which the wait gives up, or 0 for none. */
    private final long deadlineMillis;

    private IshRunSettings(IshRunSpec spec, IshCdConfiguration config, long nowMillis) {
        this.baseUrl = config.getBaseUrl();
        this.credentialsId = spec.getCredentialsId() != null ? spec.getCredentialsId() : config.getCredentialsId();
        this.wait = spec.isWait();
        this.propagate = spec.isPropagate();
        this.printLog = spec.isPrintLog();
        this.logCapChars = config.getLogCapChars();
        // A script may poll less often than the administrator's first interval, never more often,
        // and never wait longer than the administrator's longest interval between polls.
        int globalInitial = config.getInitialPollSeconds();
        int globalMax = config.getMaxPollSeconds();
        this.initialPollSeconds = spec.getInitialPollSeconds() == 0
                ? globalInitial
                : clamp(spec.getInitialPollSeconds(), globalInitial, globalMax);
        this.maxPollSeconds = spec.getMaxPollSeconds() == 0
                ? globalMax
                : clamp(spec.getMaxPollSeconds(), initialPollSeconds, globalMax);
        this.deadlineMillis = spec.getTimeout() > 0
                ? nowMillis + Duration.ofMinutes(spec.getTimeout()).toMillis()
                : 0;
    }

    @NonNull
    static IshRunSettings of(@NonNull IshRunSpec spec, @NonNull IshCdConfiguration config, long nowMillis) {
        return new IshRunSettings(spec, config, nowMillis);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(value, Math.max(min, max)));
    }

    @NonNull
    String baseUrl() {
        return baseUrl;
    }

    @CheckForNull
    String credentialsId() {
        return credentialsId;
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
        WaitOptions.Builder b = WaitOptions.builder()
                .initialInterval(Duration.ofSeconds(initialPollSeconds))
                .maxInterval(Duration.ofSeconds(Math.max(initialPollSeconds, maxPollSeconds)));
        if (deadlineMillis > 0) {
            // Past the deadline (after a long restart) the client times out at once, with its message.
            b.timeout(Duration.ofMillis(Math.max(1, deadlineMillis - nowMillis)));
        }
        return b.build();
    }
}
