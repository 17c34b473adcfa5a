package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.CopyOnWriteList;
import io.jenkins.plugins.ishcd.client.JobRef;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * "Ish CD runs" on the build page: every run the build triggered (project, job, id, status,
 * duration) and a link to each run's whole log, which is kept in the build directory
 * ({@code ish-cd/N.log}) because the console shows at most the configured number of characters.
 * The list is a {@link CopyOnWriteList}, so XStream can save the build while a parallel branch
 * adds a run; no monitor of the build is taken (core's {@code Run.save} holds it).
 */
public final class IshRunAction implements RunAction2 {

    static final String URL_NAME = "ish-cd";
    private static final Logger LOGGER = Logger.getLogger(IshRunAction.class.getName());

    /** Guards get-or-add of the action, instead of the build's own monitor. */
    private static final Object ADDING = new Object();

    private final CopyOnWriteList<IshRunRecord> runs = new CopyOnWriteList<>();
    private transient Run<?, ?> build;

    /** @return the build's action, added if it has none yet */
    @NonNull
    static IshRunAction of(@NonNull Run<?, ?> build) {
        synchronized (ADDING) {
            IshRunAction action = build.getAction(IshRunAction.class);
            if (action == null) {
                action = new IshRunAction();
                build.addAction(action);
            }
            return action;
        }
    }

    /** Records a run that was just triggered and saves the build; returns its number. */
    IshRunRecord add(@NonNull JobRef job, @NonNull io.jenkins.plugins.ishcd.client.Run run) {
        IshRunRecord record;
        synchronized (runs) { // the list's own lock: a number is taken once
            record = new IshRunRecord(runs.size() + 1, job, run);
            runs.add(record);
        }
        save();
        return record;
    }

    /**
     * Finds the record of a run, after a restart or for {@code ishWait} of a run this build triggered.
     *
     * @param number the record's number, 0 if unknown: then the first record of that run id
     * @return the record, or null if the build has none
     */
    @CheckForNull
    IshRunRecord find(int number, @NonNull String runId) {
        for (IshRunRecord r : runs) {
            if ((number == 0 || r.getNumber() == number) && r.getRunId().equals(runId)) {
                return r;
            }
        }
        return null;
    }

    /** Records a new status of a run and saves the build. */
    void update(@NonNull IshRunRecord record, @NonNull io.jenkins.plugins.ishcd.client.Run run) {
        record.update(run);
        save();
    }

    /** Keeps a finished run's whole log with the build. */
    void keepLog(@NonNull IshRunRecord record, @NonNull String log) throws IOException {
        File file = logFile(record.getNumber());
        Files.createDirectories(file.getParentFile().toPath());
        Files.writeString(file.toPath(), log, StandardCharsets.UTF_8);
        record.logKept();
        save();
    }

    /** @return the URL of a run's kept log, relative to the Jenkins root, starting with {@code /} */
    @NonNull
    String logUrl(@NonNull IshRunRecord record) {
        return "/" + build.getUrl() + URL_NAME + "/log?n=" + record.getNumber();
    }

    private File logFile(int number) {
        return new File(new File(build.getRootDir(), URL_NAME), number + ".log");
    }

    private void save() {
        try {
            build.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + build, e);
        }
    }

    /** @return the runs, in the order they were triggered */
    @NonNull
    public List<IshRunRecord> getRuns() {
        return runs.getView();
    }

    /** @return the build */
    public Run<?, ?> getRun() {
        return build;
    }

    /** Serves a run's kept log as plain text: {@code ish-cd/log?n=1}. */
    public void doLog(@QueryParameter int n, StaplerResponse2 rsp) throws IOException {
        build.checkPermission(Item.READ);
        File file = logFile(n);
        if (n < 1 || !file.isFile()) {
            rsp.sendError(404);
            return;
        }
        rsp.setContentType("text/plain;charset=UTF-8");
        Files.copy(file.toPath(), rsp.getOutputStream());
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.build = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.build = r;
    }

    @CheckForNull
    @Override
    public String getIconFileName() {
        return "symbol-paper-plane-outline";
    }

    @Override
    public String getDisplayName() {
        return Messages.IshRunAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
