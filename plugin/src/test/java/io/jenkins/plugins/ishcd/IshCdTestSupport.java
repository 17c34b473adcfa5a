package io.jenkins.plugins.ishcd;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.util.Secret;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulator;
import io.jenkins.plugins.ishcd.emulator.IshCdEmulatorBuilder;
import io.jenkins.plugins.ishcd.emulator.ManualClock;
import io.jenkins.plugins.ishcd.emulator.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The emulator in-process, on a {@link ManualClock}, with the projects the tests use, and the
 * Jenkins side pointed at it: base URL, a global Secret text credential {@code ish-token} as the
 * default, and one-second polls.
 */
final class IshCdTestSupport implements AutoCloseable {

    static final String CREDENTIALS_ID = "ish-token";
    static final String RUNS = ".*/runs";

    final ManualClock clock = new ManualClock();
    final IshCdEmulator ish;
    final String token;

    IshCdTestSupport() {
        this(b -> {});
    }

    IshCdTestSupport(Consumer<IshCdEmulatorBuilder> more) {
        IshCdEmulatorBuilder builder = IshCdEmulator.builder()
                .clock(clock)
                .project(
                        "my-corp",
                        p -> p.job(
                                        "deploy",
                                        j -> j.queuedFor(Duration.ofSeconds(1))
                                                .runningFor(Duration.ofSeconds(26))
                                                .log("deploying ${BRANCH}\n"))
                                .job(
                                        "broken",
                                        j -> j.runningFor(Duration.ofSeconds(3))
                                                .outcome(Outcome.ERROR)
                                                .log("boom: the database is gone\n"))
                                .job(
                                        "smoke-test",
                                        j -> j.runningFor(Duration.ofSeconds(4))
                                                .log("12 pages of ${BRANCH} answered\n"))
                                .job(
                                        "slow",
                                        j -> j.runningFor(Duration.ofHours(5)).log("slow done\n")));
        more.accept(builder);
        ish = builder.start();
        token = ish.issueToken("jenkins");
    }

    /** Points Jenkins at the emulator with {@code ish-token} as the default credential. */
    void configure(JenkinsRule j) throws IOException {
        IshCdConfiguration config = IshCdConfiguration.get();
        config.setBaseUrl(ish.baseUrl().toString());
        config.setCredentialsId(CREDENTIALS_ID);
        config.setInitialPollSeconds(1);
        config.setMaxPollSeconds(1);
        addCredential(j.jenkins, CREDENTIALS_ID, token);
    }

    static void addCredential(ModelObject context, String id, String secret) throws IOException {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                store.addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, id, "Ish CD token", Secret.fromString(secret)));
                return;
            }
        }
        throw new IllegalStateException("No credentials store in " + context);
    }

    /** Replaces the secret of the credential {@code id} in the store of {@code context}, as a rotation does. */
    static void updateCredential(ModelObject context, String id, String secret) throws IOException {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                for (Credentials c : store.getCredentials(Domain.global())) {
                    if (c instanceof StringCredentialsImpl s && s.getId().equals(id)) {
                        store.updateCredentials(
                                Domain.global(),
                                c,
                                new StringCredentialsImpl(
                                        s.getScope(), id, s.getDescription(), Secret.fromString(secret)));
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("No credential " + id + " in " + context);
    }

    /** Removes the credential {@code id} from the store of {@code context}. */
    static void removeCredential(ModelObject context, String id) throws IOException {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                for (Credentials c : store.getCredentials(Domain.global())) {
                    if (c instanceof StringCredentialsImpl s && s.getId().equals(id)) {
                        store.removeCredentials(Domain.global(), c);
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("No credential " + id + " in " + context);
    }

    /** @return the status phrases of the build's running steps, e.g. {@code triggering Ish CD job p/j} */
    static List<String> stepStatuses(WorkflowRun b) throws Exception {
        if (b.getExecution() == null) {
            return List.of();
        }
        return b.getExecution().getCurrentExecutions(false).get().stream()
                .map(e -> String.valueOf(e.getStatus()))
                .toList();
    }

    int posts() {
        return ish.journal().count("POST", RUNS);
    }

    /** Waits until {@code n} runs were triggered, then moves the clock past the end of every run. */
    void finishAfterTrigger(int n) throws Exception {
        await(() -> posts() >= n);
        clock.advance(Duration.ofHours(6));
    }

    static void await(Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting for " + condition);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        ish.close();
    }
}
