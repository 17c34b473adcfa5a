package io.jenkins.plugins.ishcd.client.bench;

import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Triggers in waves against an emulator that closes connections idle for {@code idleSeconds}, the
 * pause between waves drawn around that time, so that POSTs go out on connections the server is
 * closing: a client that cannot tell "never sent" from "may have arrived" fails some for nothing.
 */
final class StaleTriggers {
    private StaleTriggers() {}

    static String run(int triggers, int wave, double idleSeconds, boolean expectContinue) throws Exception {
        try (EmulatorProcess ish = new EmulatorProcess(3600, 1, idleSeconds)) {
            IshCdClient client = IshCdClient.builder().baseUrl(ish.baseUrl).token(ish.token)
                    .expectContinue(expectContinue).build();
            JobRef job = JobRef.of(EmulatorProcess.PROJECT, EmulatorProcess.JOB);
            List<CompletableFuture<Run>> all = new ArrayList<>();
            for (int sent = 0; sent < triggers; sent += wave) {
                List<CompletableFuture<Run>> thisWave = new ArrayList<>();
                for (int i = 0; i < wave && sent + i < triggers; i++) {
                    thisWave.add(client.triggerAsync(RunRequest.of(job, Map.of())));
                }
                CompletableFuture.allOf(thisWave.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null)
                        .get(5, TimeUnit.MINUTES);
                all.addAll(thisWave);
                Thread.sleep((long) (idleSeconds * 1000 * ThreadLocalRandom.current().nextDouble(0.9, 1.1)));
            }
            long failed = all.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            long runs = ish.finishes().size();
            long posts = ish.count("POST");
            return String.format(Locale.ROOT, "%-22s %6d triggers: %d failed, %d runs created (%d more than"
                    + " succeeded), %d POSTs received, %d connections closed idle", "Expect: 100-continue "
                    + (expectContinue ? "on" : "off"), triggers, failed, runs, runs - (triggers - failed), posts,
                    ish.traffic().path("closedIdle").asLong());
        }
    }
}
