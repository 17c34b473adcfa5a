package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficTest {

    private static final Instant T = Instant.ofEpochSecond(1_000);

    private final Traffic traffic = new Traffic();

    @Test
    void countsRequestsInEachSecondOfTheClockAndInAnySecond() {
        // 3 late in second 1000 and 4 early in second 1001: 4 in one second of the clock, 7 within 1 s.
        for (int ms : new int[] {700, 800, 900, 1000, 1100, 1200, 1300, 2500}) {
            traffic.arrived(T.plusMillis(ms));
            traffic.answered();
        }

        assertThat(traffic.perSecond()).containsExactly(Map.entry(1000L, 3), Map.entry(1001L, 4), Map.entry(1002L, 1));
        assertThat(traffic.peakPerSecond()).isEqualTo(4);
        assertThat(traffic.peakInAnySecond()).isEqualTo(7);
        assertThat(traffic.requests()).isEqualTo(8);
    }

    @Test
    void aRequestExactlyOneSecondEarlierIsOutsideTheWindow() {
        traffic.arrived(T);
        traffic.arrived(T.plusSeconds(1));

        assertThat(traffic.peakInAnySecond()).isEqualTo(1);
    }

    @Test
    void peakInFlightIsTheMostAnsweredLater() {
        traffic.arrived(T);
        traffic.arrived(T);
        traffic.arrived(T);
        traffic.answered();
        traffic.answered();
        traffic.arrived(T);

        assertThat(traffic.inFlight()).isEqualTo(2);
        assertThat(traffic.peakInFlight()).isEqualTo(3);
    }

    @Test
    void keepsTheLastHourOfWindowsAndTheExactPeakOfAll() {
        for (int s = 0; s < Traffic.WINDOWS_KEPT + 10; s++) {
            traffic.arrived(T.plusSeconds(s));
            if (s == 3) {
                traffic.arrived(T.plusSeconds(s));
            }
        }

        assertThat(traffic.perSecond()).hasSize(Traffic.WINDOWS_KEPT).doesNotContainKey(1003L);
        assertThat(traffic.peakPerSecond()).isEqualTo(2);
    }

    @Test
    void resetStartsAfreshButKeepsWhatIsInFlight() {
        traffic.arrived(T);
        traffic.arrived(T);
        traffic.answered();
        traffic.connectionOpened();

        traffic.reset();

        assertThat(traffic.requests()).isZero();
        assertThat(traffic.perSecond()).isEmpty();
        assertThat(traffic.peakPerSecond()).isZero();
        assertThat(traffic.connections()).isZero();
        assertThat(traffic.inFlight()).isEqualTo(1);
        assertThat(traffic.peakInFlight()).isEqualTo(1);
    }
}
