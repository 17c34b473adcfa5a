package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/** The fields the Pipeline step and the freestyle build step share, with the same meaning. */
interface IshRunSpec {

    /** @return the project's machine name or ID, as configured (freestyle: before expansion) */
    String getProject();

    /** @return the job's machine name or ID, as configured */
    String getJob();

    /** @return the run's variables, in order */
    @NonNull
    List<IshEnvVariable> getEnv();

    /** @return the Secret text credential's id, or null for the global default */
    @CheckForNull
    String getCredentialsId();

    /** @return whether to wait for the run to finish */
    boolean isWait();

    /** @return whether a run ending in {@code error} fails the build */
    boolean isPropagate();

    /** @return whether to print the run's log to the console */
    boolean isPrintLog();

    /** @return minutes to wait at most, 0 for no limit */
    int getTimeout();

    /** @return seconds before the first poll, 0 for the global setting */
    int getInitialPollSeconds();

    /** @return the longest interval between polls in seconds, 0 for the global setting */
    int getMaxPollSeconds();

    /**
     * @return how long a run of the job is expected to take, as people write it ({@code 10m}, {@code 1h30m},
     *     {@code 90s}, {@code PT5M}), or null to time the polls from the runs this controller saw end
     */
    @CheckForNull
    String getExpectedDuration();
}
