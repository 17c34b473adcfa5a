package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keep-alive timeout, seen from a raw socket: the server itself closes the TCP connection. */
class IdleTimeoutTest {

    private static final Duration IDLE = Duration.ofMillis(300);

    @Test
    void anIdleKeepAliveConnectionIsClosedByTheServerAfterTheIdleTime() throws Exception {
        try (IshCdEmulator ish = IshCdEmulator.builder().idleTimeout(IDLE).start(); RawHttp http = new RawHttp(ish.port())) {
            assertThat(projects(http, ish.issueToken("t")).status()).isEqualTo(200);

            long closedAfter = http.millisUntilClosed(5000);

            // Counted from the end of the answer, which the client reads a moment after the server wrote it.
            assertThat(closedAfter).isBetween(IDLE.toMillis() - 50, IDLE.toMillis() + 1500);
            assertThat(ish.traffic().closedIdle()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionInUseStaysOpenAndALongRequestIsNotCutOff() throws Exception {
        try (IshCdEmulator ish = IshCdEmulator.builder().idleTimeout(IDLE).start(); RawHttp http = new RawHttp(ish.port())) {
            String token = ish.issueToken("t");
            for (int i = 0; i < 5; i++) {
                assertThat(projects(http, token).status()).isEqualTo(200);
                Thread.sleep(IDLE.toMillis() / 2);
            }
            ish.faults().latency(IDLE.multipliedBy(3));
            assertThat(projects(http, token).status()).as("answered on the same connection after 900 ms").isEqualTo(200);
            assertThat(ish.traffic().connections()).isEqualTo(1);
            assertThat(http.millisUntilClosed(5000)).isPositive();
        }
    }

    @Test
    void aNewConnectionWaitsForItsFirstRequest() throws Exception {
        try (IshCdEmulator ish = IshCdEmulator.builder().idleTimeout(IDLE).start(); RawHttp http = new RawHttp(ish.port())) {
            Thread.sleep(IDLE.toMillis() * 3);

            assertThat(projects(http, ish.issueToken("t")).status()).as("as nginx: keepalive_timeout starts after an answer").isEqualTo(200);
            assertThat(ish.traffic().closedIdle()).isZero();
        }
    }

    @Test
    void overHttpsTheConnectionIsClosedToo() throws Exception {
        try (IshCdEmulator ish = IshCdEmulator.builder().https(true).idleTimeout(IDLE).start();
                RawHttp http = new RawHttp(ish.clientSslContext().getSocketFactory().createSocket("127.0.0.1", ish.port()))) {
            assertThat(projects(http, ish.issueToken("t")).status()).isEqualTo(200);

            assertThat(http.millisUntilClosed(5000)).isBetween(IDLE.toMillis() - 50, IDLE.toMillis() + 1500);
        }
    }

    @Test
    void withoutAnIdleTimeoutTheServerKeepsConnectionsOpen() throws Exception {
        try (IshCdEmulator ish = IshCdEmulator.builder().start(); RawHttp http = new RawHttp(ish.port())) {
            assertThat(projects(http, ish.issueToken("t")).status()).isEqualTo(200);

            assertThat(http.millisUntilClosed(1500)).as("still open").isEqualTo(-1);
            assertThat(projects(http, ish.issueToken("t")).status()).isEqualTo(200);
        }
    }

    @Test
    void aTooShortIdleTimeoutIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IshCdEmulator.builder().idleTimeout(Duration.ofNanos(10)))
                .hasMessageContaining("at least 1 ms");
    }

    private static RawHttp.Response projects(RawHttp http, String token) throws Exception {
        return http.exchange("", "GET /v1/projects HTTP/1.1", "Host: emulator", "Accept: application/json",
                "Authorization: Bearer " + token);
    }
}
