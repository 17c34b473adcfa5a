package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.util.AtomicFileWriter;
import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.JobDurations;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * How long each Ish CD job took on this controller ({@link JobDurations}: the last 20 complete runs of
 * at most 500 jobs per base URL, no secret, nothing per build), kept in {@value #FILE_NAME} in
 * {@code JENKINS_HOME} so that it survives a restart. Its polls are timed by it; no administrator sets
 * anything. Loaded on first use; a file that cannot be read costs one WARNING line and the store
 * starts empty, never a failed build. Saved {@link #SAVE_DELAY_SECONDS} s after a change (one write
 * for many runs ending together) and when Jenkins stops. Thread-safe.
 */
@Extension
public final class IshCdJobDurations {
    private static final Logger LOGGER = Logger.getLogger(IshCdJobDurations.class.getName());
    /** The file in {@code JENKINS_HOME}. */
    static final String FILE_NAME = "io.jenkins.plugins.ishcd.IshCdJobDurations.json";
    /** How long a change waits to be saved, so that runs ending together cost one write. */
    static final long SAVE_DELAY_SECONDS = 10;

    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    private JobDurations durations;
    /** The file it was loaded from: a save due after this Jenkins stopped never writes into another's home. */
    private Path file;
    /** {@link JobDurations#changes()} when last saved or loaded. */
    private long saved;
    /** Whether a save failed already, so that the next ones log quietly. */
    private boolean saveFailed;

    /** @return this Jenkins' store */
    @NonNull
    public static IshCdJobDurations get() {
        return ExtensionList.lookupSingleton(IshCdJobDurations.class);
    }

    /** Saves what is not saved yet; called by Jenkins when it stops (terminators of public classes only). */
    @Terminator
    public static void saveOnShutdown() {
        ExtensionList<IshCdJobDurations> stores = ExtensionList.lookup(IshCdJobDurations.class);
        if (!stores.isEmpty()) {
            stores.get(0).save();
        }
    }

    /**
     * @param baseUrl the API base URL the run was read from
     * @param job the run's job
     * @param given the step's {@code expectedDuration}, or null
     * @return the given duration, else what this controller's history says, or null for none (the back-off)
     */
    @CheckForNull
    ExpectedDuration expected(@NonNull URI baseUrl, @NonNull JobRef job, @CheckForNull Duration given) {
        return durations().expected(baseUrl, job, given);
    }

    /**
     * Learns the run's duration if it completed, and saves it a little later.
     *
     * @param baseUrl the API base URL the run was read from
     * @param job the run's job
     * @param finished the run as it ended
     */
    void record(@NonNull URI baseUrl, @NonNull JobRef job, @NonNull Run finished) {
        if (durations().record(baseUrl, job, finished) && saveScheduled.compareAndSet(false, true)) {
            Timer.get().schedule(this::save, SAVE_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Writes the file if anything changed since it was written or read; a failure costs a WARNING line. */
    synchronized void save() {
        saveScheduled.set(false);
        JobDurations d = durations;
        if (d == null || d.changes() == saved) {
            return;
        }
        long changes = d.changes();
        try {
            AtomicFileWriter w = new AtomicFileWriter(file, StandardCharsets.UTF_8);
            try (w) {
                w.write(d.toJson());
                w.commit();
            } finally {
                w.abort(); // removes the temporary file if the commit did not happen; harmless after it
            }
            saved = changes;
        } catch (IOException e) {
            // One WARNING line, not one per batch of runs: the cause stays until someone fixes it.
            LOGGER.log(
                    saveFailed ? Level.FINE : Level.WARNING,
                    "Could not save how long Ish CD jobs take to "
                            + file + " (" + e + "); builds are not affected, but what was learnt is lost at the next"
                            + " restart: make that path a writable file (remove a folder there) or delete it");
            saveFailed = true;
        }
    }

    private synchronized JobDurations durations() {
        if (durations == null) {
            file = Jenkins.get().getRootDir().toPath().resolve(FILE_NAME);
            durations = load(file);
            saved = durations.changes();
        }
        return durations;
    }

    private static JobDurations load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new JobDurations(); // nothing learnt yet
        } catch (IOException | RuntimeException e) {
            LOGGER.log(
                    Level.WARNING,
                    "Could not read " + file + " (" + e + "); polls follow the back-off until runs are seen to"
                            + " complete again: make that path a readable file (remove a folder there) or delete it");
            return new JobDurations();
        }
        return JobDurations.fromJson(json, file.toString());
    }
}
