package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.JobDurations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * The file where the command line tool keeps {@link JobDurations} between runs, under the user's
 * cache folder as the XDG Base Directory specification has it: {@code $XDG_CACHE_HOME/ish-cd/}
 * (an absolute path; a relative one is ignored, as the specification says), else
 * {@code $HOME/.cache/ish-cd/}, else {@code %LOCALAPPDATA%\ish-cd\} on Windows. It holds base URLs,
 * project and job names and durations: no token, no variable, no log.
 *
 * <p>Nothing here fails a command: a file that cannot be read or written costs one line on
 * standard error, and the wait goes on with the back-off.
 */
final class HistoryFile {
    static final String NAME = "job-durations.json";
    /** Far above what the store writes with its default bounds (about 200 KB). */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private final Path path;
    private final Consumer<String> say;

    /**
     * @param path the file
     * @param say where the one line about a problem goes (standard error)
     */
    HistoryFile(@NonNull Path path, @NonNull Consumer<String> say) {
        this.path = path;
        this.say = say;
    }

    /**
     * @param terminal where the variables come from
     * @return the file by the XDG rule, or null when neither {@code XDG_CACHE_HOME}, {@code HOME} nor
     *     {@code LOCALAPPDATA} gives an absolute folder (then nothing is kept)
     */
    @CheckForNull
    static Path locate(@NonNull Terminal terminal) {
        for (String[] base : new String[][] {{"XDG_CACHE_HOME", ""}, {"HOME", ".cache"}, {"LOCALAPPDATA", ""}}) {
            String value = terminal.env(base[0]);
            if (value != null) {
                try {
                    Path dir = Paths.get(value.strip());
                    if (dir.isAbsolute()) {
                        return dir.resolve(base[1]).resolve("ish-cd").resolve(NAME);
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    // not a path on this system: try the next variable
                }
            }
        }
        return null;
    }

    /** @return the file */
    @NonNull
    Path path() {
        return path;
    }

    /** @return the durations in the file; an empty store when there is none or it cannot be used (one line said) */
    @NonNull
    JobDurations load() {
        return load(say);
    }

    /**
     * @param say where the one line about a problem goes
     * @return the durations in the file, or an empty store
     */
    @NonNull
    JobDurations load(@NonNull Consumer<String> say) {
        String text;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                say.accept("The Ish CD job durations in " + path + " cannot be used (the file is larger than 4 MiB);"
                        + " starting without them.");
                return new JobDurations();
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new JobDurations(); // the first run: nothing learnt yet
        } catch (IOException e) {
            say.accept("The Ish CD job durations in " + path + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); starting without them. Give --no-history to stop keeping them.");
            return new JobDurations();
        }
        return JobDurations.fromJson(text, path.toString(), say);
    }

    /**
     * Writes the store: to a temporary file in the same folder, then moved over the old one, so that a
     * reader (another {@code ish-cd} at the same time) sees the old file or the new one, never half of one.
     *
     * @param durations what to keep
     */
    void save(@NonNull JobDurations durations) {
        Path dir = path.toAbsolutePath().getParent();
        Path temp = null;
        try {
            if (!Files.isDirectory(dir)) {
                createPrivate(dir);
            }
            temp = Files.createTempFile(dir, NAME + ".", ".tmp");
            Files.writeString(temp, durations.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            say.accept("Could not save the durations of Ish CD runs to " + path + " (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the next wait is timed without this run. Give --no-history to stop"
                    + " keeping them.");
            deleteQuietly(temp);
        }
    }

    /** The XDG specification: a missing folder is created with permission 0700. */
    private static void createPrivate(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir.getParent());
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void deleteQuietly(@CheckForNull Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a stray temporary file in the cache folder is harmless
            }
        }
    }
}
