package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LaneTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
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
        lane.finished(0);
        assertThat(lane.take(0)).isNotNull();
        assertThat(lane.inFlight()).isEqualTo(2);
    }

    @Test
    void aRequestCountsAgainstTheBudgetFromItsSendingUntilASecondAfterItsAnswer() {
        Lane lane = new Lane(RequestLimits.of(3, 100));
        for (int i = 0; i < 5; i++) {
            lane.offer(request(0));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(lane.take(i * MS)).isNotNull();
        }
        assertThat(lane.take(10 * MS)).isNull();
        assertThat(lane.wakeAt(10 * MS)).as("three in flight: only an answer makes room").isLessThan(10 * MS);
        lane.finished(400 * MS);
        lane.finished(700 * MS);
        assertThat(lane.wakeAt(800 * MS)).isEqualTo(400 * MS + Lane.BUDGET_WINDOW_NANOS);
        assertThat(lane.take(400 * MS + Lane.BUDGET_WINDOW_NANOS - 1)).isNull();
        assertThat(lane.take(400 * MS + Lane.BUDGET_WINDOW_NANOS)).isNotNull();
        assertThat(lane.take(400 * MS + Lane.BUDGET_WINDOW_NANOS)).as("one still in flight, one answered at 700 ms, one just sent").isNull();
        assertThat(lane.take(700 * MS + Lane.BUDGET_WINDOW_NANOS)).isNotNull();
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
    void whateverTheDelaysOnTheWayTheServerNeverSeesMoreThanTheBudgetInAnySecond() {
        Random random = new Random(42);
        int budget = 7;
        Lane lane = new Lane(RequestLimits.of(budget, 5));
        List<long[]> inFlight = new ArrayList<>(); // {arrival at the server, answer}
        List<Long> arrivals = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 50_000; step++) {
            now += random.nextInt(40) * MS;
            for (int i = random.nextInt(3); i > 0; i--) {
                lane.offer(request(now + random.nextInt(500) * MS));
            }
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                if (inFlight.get(i)[1] <= now) {
                    inFlight.remove(i);
                    lane.finished(now);
                }
            }
            for (ScheduledRequest r = lane.take(now); r != null; r = lane.take(now)) {
                assertThat(r.due).isLessThanOrEqualTo(now);
                long answer = now + random.nextInt(random.nextInt(10) == 0 ? 3_000 : 100) * MS; // some slow
                long arrival = now + (long) (random.nextDouble() * (answer - now)); // anywhere on the way
                arrivals.add(arrival);
                inFlight.add(new long[] {arrival, answer});
            }
        }
        arrivals.sort(null);
        for (int i = budget; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - budget)).as("arrival %d and the %dth before it", i, budget)
                    .isGreaterThanOrEqualTo(SECOND);
        }
        assertThat(arrivals.size()).as("the budget was the limit, not the traffic").isGreaterThan(5_000);
    }
}
