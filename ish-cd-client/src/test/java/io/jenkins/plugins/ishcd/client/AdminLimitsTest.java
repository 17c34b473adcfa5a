package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminLimitsTest {

    @Test
    void pollIntervalsAreOneSecondToAnHour() {
        assertThat(AdminLimits.firstPollSeconds(1)).isEqualTo(1);
        assertThat(AdminLimits.longestPollSeconds(3600)).isEqualTo(3600);
        assertThatThrownBy(() -> AdminLimits.firstPollSeconds(0))
                .hasMessage("The first interval between polls must be 1 to 3600 seconds, not 0.");
        assertThatThrownBy(() -> AdminLimits.longestPollSeconds(3601))
                .hasMessage("The longest interval between polls must be 1 to 3600 seconds, not 3601.");
    }

    @Test
    void aLongestIntervalBelowTheFirstIsAWarningNotAnError() {
        assertThat(AdminLimits.longestBelowFirst(5, 5)).isNull();
        assertThat(AdminLimits.longestBelowFirst(5, 2)).isEqualTo("The longest interval between polls (2 s) is"
                + " shorter than the first one (5 s): polls will use 5 s for both.");
    }

    @Test
    void theConsoleShowsAtLeastAThousandCharacters() {
        assertThat(AdminLimits.logCapChars(1_000)).isEqualTo(1_000);
        assertThatThrownBy(() -> AdminLimits.logCapChars(500))
                .hasMessage("Show at least 1,000 characters of a run's log in the console, not 500.");
    }

    @Test
    void requestLimitsFollowRequestLimits() {
        assertThat(AdminLimits.requestsPerSecond(7)).isEqualTo(7);
        assertThat(AdminLimits.maxInFlight(3)).isEqualTo(3);
        assertThatThrownBy(() -> AdminLimits.requestsPerSecond(0))
                .hasMessage("The Ish CD request budget must be 1 to 10000 requests per second, not 0.");
        assertThatThrownBy(() -> AdminLimits.maxInFlight(1001))
                .hasMessage("The number of Ish CD requests in flight must be 1 to 1000, not 1001.");
    }
}
