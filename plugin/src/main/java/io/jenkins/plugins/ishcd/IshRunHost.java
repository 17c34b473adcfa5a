package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.ishcd.client.ExpectedDuration;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunHost;
import io.jenkins.plugins.ishcd.client.RunLife;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.net.URI;

/**
 * The Jenkins side of one run's {@link RunLife}: the credential (looked up again for each
 * connection, with the API URL configured at that moment), the console, the build page. The
 * Pipeline step and the freestyle build step share it; they differ only in how the end is
 * delivered and where the run's number is kept. Called by the life's events only, on
 * {@link IshCdThreads}, one call at a time, so nothing here is locked.
 */
abstract class IshRunHost implements RunHost {

    private final JobRef job;
    private final IshRunSettings settings;
    private hudson.model.Run<?, ?> build;
    private TaskListener listener;
    private IshRunRecord record;
    /** The base URL of the last client made: where the job's durations are learnt and read. */
    private URI baseUrl;
    /** Whether the console was told what the wait expects: once per life in this JVM. */
    private boolean expectationSaid;
    /** Whether this life saw the run before its end: only then does its duration teach the history once. */
    private boolean sawUnfinished;

    IshRunHost(@NonNull JobRef job, @NonNull IshRunSettings settings) {
        this.job = job;
        this.settings = settings;
    }

    /** @return the build, looked up on the life's thread (a Pipeline's context may take a moment) */
    abstract hudson.model.Run<?, ?> lookUpBuild() throws Exception;

    /** @return the build's console */
    abstract TaskListener lookUpListener() throws Exception;

    /** @param number the run's number on the build page, to keep for a resume */
    abstract void recorded(int number);

    /** @return the number kept by {@link #recorded}, 0 if none */
    abstract int recordNumber();

    private hudson.model.Run<?, ?> build() {
        if (build == null) {
            try {
                build = lookUpBuild();
            } catch (Exception e) {
                throw new IllegalStateException("The build of this Ish CD step cannot be found: " + e, e);
            }
        }
        return build;
    }

    private TaskListener listener() {
        if (listener == null) {
            try {
                listener = lookUpListener();
            } catch (Exception e) {
                throw new IllegalStateException("The console of this Ish CD step cannot be found: " + e, e);
            }
        }
        return listener;
    }

    @NonNull
    @Override
    public IshCdClient connect() throws Exception {
        String url = IshCdConfiguration.get().getBaseUrl();
        String token = IshCdCredentials.token(build(), settings.credentialsId(), settings.credentialsFolder(), url);
        IshCdClient client = IshCdClients.create(url, token);
        baseUrl = client.baseUrl();
        return client;
    }

    /** Times the polls from the step's {@code expectedDuration}, else this controller's history of the job. */
    @NonNull
    @Override
    public WaitOptions waitOptions() {
        WaitOptions options = settings.waitOptions(System.currentTimeMillis());
        ExpectedDuration expected =
                baseUrl == null ? null : IshCdJobDurations.get().expected(baseUrl, job, settings.expected());
        if (expected != null && !expectationSaid) {
            expectationSaid = true;
            print(expected.describe(job));
        }
        return options.toBuilder().expected(expected).build();
    }

    @Override
    public boolean waitForRun() {
        return settings.waitForRun();
    }

    @Override
    public boolean propagate() {
        return settings.propagate();
    }

    @Override
    public void print(@NonNull String line) {
        listener().getLogger().println(line);
    }

    @Override
    public void created(@NonNull Run run) {
        seen(run);
        record = IshRunAction.of(build()).add(job, run);
        recorded(record.getNumber());
    }

    /** After a restart, or {@code ishWait}: the build page's record of the run, if it has one already. */
    @Override
    public void resumed(@NonNull Run run) {
        seen(run);
        record = IshRunAction.of(build()).find(recordNumber(), run.id());
        if (record == null && !run.rawStatus().isEmpty()) {
            recordOnPage(run); // the build lost it
        }
    }

    @Override
    public void statusChanged(@NonNull Run run) {
        seen(run);
        if (record == null) {
            recordOnPage(run); // ishWait: listed once the run is known to exist
        } else {
            IshRunAction.of(build()).update(record, run);
        }
    }

    @Override
    public Object finished(@NonNull Run run) {
        if (record == null) {
            recordOnPage(run);
        }
        if (baseUrl != null && sawUnfinished) {
            IshCdJobDurations.get().record(baseUrl, job, run); // a run waited for again after its end counts once
        }
        return IshRunReporter.finished(listener(), IshRunAction.of(build()), record, job, run, settings);
    }

    private void seen(Run run) {
        if (!run.rawStatus().isEmpty() && !run.status().isFinished()) {
            sawUnfinished = true;
        }
    }

    private void recordOnPage(Run run) {
        record = IshRunAction.of(build()).add(job, run);
        recorded(record.getNumber()); // kept for a restart
    }
}
