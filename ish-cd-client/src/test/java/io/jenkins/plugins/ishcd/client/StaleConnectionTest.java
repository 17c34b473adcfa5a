package io.jenkins.plugins.ishcd.client;

import static io.jenkins.plugins.ishcd.client.WireMockSupport.CANARY;
import static io.jenkins.plugins.ishcd.client.WireMockSupport.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that closes a kept-alive connection when the next request arrives, as one does whose
 * idle timeout struck just then: the client's POST goes out on a connection already dead. With
 * {@code Expect: 100-continue} the body never leaves, so the trigger is safely sent again.
 */
class StaleConnectionTest {
    private static final String RUN = "{\"id\": \"r-1\", \"status\": \"queued\", \"duration\": 0}";
    private ServerSocket socket;
    private final AtomicInteger bodiesReceived = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.concurrent.ExecutorService serving = Executors.newCachedThreadPool();

    static Stream<Arguments> transports() {
        return Stream.of(Arguments.of("sendAsync", null),
                Arguments.of("blocking send", Executors.newFixedThreadPool(2)));
    }

    @BeforeEach
    void start() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    serving.execute(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        serving.shutdownNow();
    }

    /** Answers the first request of each connection; closes it when a second one arrives. */
    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            for (int n = 1; ; n++) {
                int length = 0;
                boolean expect = false;
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    length = lower.startsWith("content-length:") ? Integer.parseInt(h.substring(15).trim()) : length;
                    expect |= lower.startsWith("expect:") && lower.contains("100-continue");
                }
                if (n > 1) {
                    return; // the idle timeout struck: closed without an answer
                }
                if (expect) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (length > 0) {
                    in.skip(length);
                    bodiesReceived.incrementAndGet();
                }
                byte[] body = RUN.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private IshCdClient client(Executor blocking) {
        return IshCdClient.builder().baseUrl("http://127.0.0.1:" + socket.getLocalPort() + "/v1").token(CANARY)
                .httpClient(IshCdExecutors.newHttpClientBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build())
                .blockingSends(blocking).triggerRetries(3, Duration.ZERO).requestTimeout(Duration.ofSeconds(5)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aTriggerOnAConnectionTheServerHadClosedIsSentAgainAndCreatesOneRun(String name, Executor blocking)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Trigger.EXPECT_CONTINUE_WORKS, "JDK 19+ (JDK-8286171)");
        IshCdClient client = client(blocking);
        client.getRunAsync(JOB, "r-1").get(5, TimeUnit.SECONDS); // leaves a kept-alive connection in the pool

        Run run = client.triggerAsync(RunRequest.of(JOB, Map.of("A", "1"))).get(5, TimeUnit.SECONDS);

        assertThat(run.id()).isEqualTo("r-1");
        assertThat(bodiesReceived.get()).as("bodies the server read: one run, never two").isEqualTo(1);
        assertThat(connections.get()).as("the POST went again on a new connection").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void withoutExpectContinueSuchATriggerIsNeverSentTwiceAndSaysTheRunMayExist(String name, Executor blocking)
            throws Exception {
        IshCdClient client = IshCdClient.builder().baseUrl("http://127.0.0.1:" + socket.getLocalPort() + "/v1")
                .token(CANARY).httpClient(IshCdExecutors.newHttpClientBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build())
                .blockingSends(blocking).expectContinue(false).triggerRetries(3, Duration.ZERO).build();
        client.getRunAsync(JOB, "r-1").get(5, TimeUnit.SECONDS);

        ExecutionException e = catchThrowableOfType(ExecutionException.class,
                () -> client.triggerAsync(RunRequest.of(JOB, Map.of())).get(5, TimeUnit.SECONDS));

        assertThat(e.getCause()).isInstanceOf(CommunicationException.class)
                .hasMessageContaining("may have been created").hasMessageNotContaining(CANARY);
        assertThat(connections.get()).as("no second attempt").isEqualTo(1);
    }
}
