package io.jenkins.plugins.ishcd.client.bench;

import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdExecutors;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RequestLimits;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunListener;
import io.jenkins.plugins.ishcd.client.RunRequest;
import io.jenkins.plugins.ishcd.client.WaitOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The engine: every run triggered and waited for through the JVM's one scheduler, default back-off, scaled. */
final class EngineScenario extends Scenario {
    private final int budget;

    /** @param budget real requests per second for the emulator's base URL, or 0 for the default budget */
    EngineScenario(int waits, int scale, Duration runLength, int budget) {
        super(waits, scale, runLength);
        this.budget = budget;
    }

    @Override
    String name() {
        return "engine" + (budget > 0 ? " budget " + budget + "/s" : "");
    }

    @Override
    long waitAll(EmulatorProcess ish, Sample sample) throws Exception {
        URI base = URI.create(ish.baseUrl);
        int real = budget > 0 ? budget : RequestLimits.DEFAULT_REQUESTS_PER_SECOND;
        IshCdExecutors.scheduler().setLimits(base, RequestLimits.of(Math.min(real * scale,
                RequestLimits.MAX_REQUESTS_PER_SECOND), RequestLimits.DEFAULT_MAX_IN_FLIGHT));
        IshCdClient client = IshCdClient.builder().baseUrl(base).token(ish.token).build();
        WaitOptions defaults = WaitOptions.defaults();
        WaitOptions options = defaults.toBuilder().initialInterval(defaults.initialInterval().dividedBy(scale))
                .maxInterval(defaults.maxInterval().dividedBy(scale)).build();
        JobRef job = JobRef.of(EmulatorProcess.PROJECT, EmulatorProcess.JOB);
        client.catalog().getJob(job); // classes loaded, a connection made: the base of the heap figure
        sample.heapBase();
        @SuppressWarnings({"unchecked", "rawtypes"})
        CompletableFuture<Run>[] all = new CompletableFuture[waits];
        for (int i = 0; i < waits; i++) {
            int n = i;
            RunListener listener = new RunListener() {
                @Override
                public void onTriggered(JobRef j, Run run) {
                    runIds[n] = run.id();
                }
            };
            all[i] = client.runAsync(RunRequest.of(job, Map.of()), options, listener)
                    .whenComplete((r, e) -> seenAtMillis[n] = System.currentTimeMillis());
        }
        Thread.sleep(runLength.dividedBy(scale).toMillis() / 2); // every run triggered, none ended
        sample.heapNow();
        CompletableFuture.allOf(all).exceptionally(e -> null).get(30, TimeUnit.MINUTES);
        long failed = 0;
        for (CompletableFuture<Run> f : all) {
            failed += f.isCompletedExceptionally() ? 1 : 0;
        }
        return failed;
    }

    @Override
    int clientPeakInFlight(EmulatorProcess ish) {
        return IshCdExecutors.scheduler().load(URI.create(ish.baseUrl)).peakInFlight();
    }

    @Override
    int engineThreads(Sample sample) {
        return sample.peakEngineThreads();
    }
}
