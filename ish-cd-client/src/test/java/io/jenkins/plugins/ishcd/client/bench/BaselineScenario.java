package io.jenkins.plugins.ishcd.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waiting the way the peer plugins do: a thread per run, a blocking POST, then a fixed 5 s sleep
 * and a blocking GET until the run ends (scaled like the engine's intervals).
 */
final class BaselineScenario extends Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    BaselineScenario(int waits, int scale, Duration runLength) {
        super(waits, scale, runLength);
    }

    @Override
    String name() {
        return "thread per run, 5 s";
    }

    @Override
    long waitAll(EmulatorProcess ish, Sample sample) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String runs = ish.baseUrl + "/projects/" + EmulatorProcess.PROJECT + "/jobs/" + EmulatorProcess.JOB + "/runs";
        long sleep = 5000 / scale;
        send(http, ish, HttpRequest.newBuilder(URI.create(ish.baseUrl + "/projects")).GET());
        sample.heapBase();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < waits; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    runIds[n] = send(http, ish, HttpRequest.newBuilder(URI.create(runs))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"env\": {}}"))).path("id").asText();
                    while (true) {
                        Thread.sleep(sleep);
                        String status = send(http, ish, HttpRequest.newBuilder(URI.create(runs + "/" + runIds[n])).GET())
                                .path("status").asText();
                        if (status.equals("complete") || status.equals("error")) {
                            seenAtMillis[n] = System.currentTimeMillis();
                            return;
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }, "baseline-" + i);
            t.start();
            threads.add(t);
        }
        Thread.sleep(runLength.dividedBy(scale).toMillis() / 2);
        sample.heapNow();
        for (Thread t : threads) {
            t.join();
        }
        return failed.get();
    }

    private static JsonNode send(HttpClient http, EmulatorProcess ish, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + ish.token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
