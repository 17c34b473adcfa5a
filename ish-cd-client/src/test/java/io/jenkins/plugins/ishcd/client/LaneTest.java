package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LaneTest {
    private static final long MS = 1_000_000L;
    private static final long WINDOW = 1_000 * MS + Lane.WINDOW_MARGIN_NANOS;
    private long seq;

    private ScheduledRequest request(long due) {
        ScheduledRequest r = new ScheduledRequest(null, "lane") {
            @Override
            void dispatch(long now) {}

            @Override
            void abandon() {}
        };
        r.due = due;
        r.seq = seq++;
        return r;
    }

    @Test
    void theMostOverdueGoesFirstAndTiesGoInTheOrderQueued() {
        Lane lane = new Lane(RequestLimits.of(100, 100));
        ScheduledRequest late = request(5 * MS);
        ScheduledRequest early = request(3 * MS);
        ScheduledRequest earlyToo = request(3 * MS);
        lane.offer(late);
        lane.offer(earlyToo);
        lane.offer(early);
        assertThat(lane.take(2 * MS)).as("nothing is due yet").isNull();
        assertThat(lane.wakeAt(2 * MS)).isEqualTo(3 * MS);
        assertThat(List.of(lane.take(10 * MS), lane.take(10 * MS), lane.take(10 * MS)))
                .containsExactly(early, earlyToo, late);
    }

    @Test
    void requestsInFlightNeverExceedTheBoundAndAnAnswerReleasesTheNext() {
        Lane lane = new Lane(RequestLimits.of(100, 2));
        for (int i = 0; i < 5; i++) {
            lane.offer(request(0));
        }
        assertThat(lane.take(0)).isNotNull();
        assertThat(lane.take(0)).isNotNull();
        assertThat(lane.take(0)).isNull();
        assertThat(lane.wakeAt(0)).as("only an answer can release one").isNegative();
        lane.finished();
        assertThat(lane.take(0)).isNotNull();
        assertThat(lane.inFlight()).isEqualTo(2);
    }

    @Test
    void theBudgetAllowsNoMoreThanItsRequestsInAnyWindowAndSaysWhenTheNextMayGo() {
        Lane lane = new Lane(RequestLimits.of(3, 100));
        for (int i = 0; i < 4; i++) {
            lane.offer(request(0));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(lane.take(i * MS)).isNotNull();
            lane.finished();
        }
        assertThat(lane.take(500 * MS)).isNull();
        assertThat(lane.wakeAt(500 * MS)).isEqualTo(WINDOW);
        assertThat(lane.take(WINDOW - 1)).isNull();
        assertThat(lane.take(WINDOW)).isNotNull();
    }

    @Test
    void aHoldStopsEveryRequestUntilItEndsAndALaterHoldExtendsIt() {
        Lane lane = new Lane(RequestLimits.of(100, 100));
        lane.offer(request(0));
        lane.holdUntil(2_000 * MS);
        lane.holdUntil(1_000 * MS); // a shorter one does not shorten it
        assertThat(lane.take(1_500 * MS)).isNull();
        assertThat(lane.wakeAt(1_500 * MS)).isEqualTo(2_000 * MS);
        assertThat(lane.take(2_000 * MS)).isNotNull();
    }

    @Test
    void newLimitsApplyToTheRequestsWaiting() {
        Lane lane = new Lane(RequestLimits.of(1, 100));
        lane.offer(request(0));
        lane.offer(request(0));
        assertThat(lane.take(0)).isNotNull();
        assertThat(lane.take(0)).isNull();
        lane.limit(RequestLimits.of(10, 100));
        assertThat(lane.take(0)).isNotNull();
    }

    @Test
    void randomTrafficNeverPutsMoreThanTheBudgetIntoAnyOneSecondWindow() {
        Random random = new Random(42);
        int budget = 7;
        Lane lane = new Lane(RequestLimits.of(budget, 3));
        List<Long> sent = new ArrayList<>();
        List<Long> answerAt = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            now += random.nextInt(50) * MS;
            for (int i = random.nextInt(3); i > 0; i--) {
                lane.offer(request(now + random.nextInt(500) * MS));
            }
            for (int i = answerAt.size() - 1; i >= 0; i--) {
                if (answerAt.get(i) <= now) {
                    answerAt.remove(i);
                    lane.finished();
                }
            }
            for (ScheduledRequest r = lane.take(now); r != null; r = lane.take(now)) {
                assertThat(r.due).isLessThanOrEqualTo(now);
                sent.add(now);
                answerAt.add(now + random.nextInt(200) * MS);
            }
        }
        for (int i = budget; i < sent.size(); i++) {
            assertThat(sent.get(i) - sent.get(i - budget)).as("send %d and the %d before it", i, budget)
                    .isGreaterThanOrEqualTo(WINDOW);
        }
        assertThat(sent.size()).as("the budget was the limit, not the traffic").isGreaterThan(1000);
    }
}
