package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WaitReporterTest {
    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final java.time.Clock clock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final FakeHost host = new FakeHost(() -> {
        throw new AssertionError("not used");
    });
    private final RunMemo memo = RunMemo.of(JobRef.of("my-corp", "deploy"));
    private final WaitReporter reporter = new WaitReporter(memo, host, clock);

    private void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    @Test
    void aHeartbeatComesAfterFiveMinutesWithoutALine() {
        memo.created(new Run("r-1", "running", 0, null, null, null), now.get());
        reporter.started();
        reporter.pollScheduled();
        advance(Duration.ofMinutes(4));
        reporter.pollScheduled();
        assertThat(host.lines).isEmpty();
        reporter.pollFailed("Could not read Ish CD run r-1.");
        advance(Duration.ofMinutes(4));
        reporter.pollScheduled();
        assertThat(host.lines).containsExactly("Could not read Ish CD run r-1."); // a line 4 min ago
        advance(Duration.ofMinutes(1));
        reporter.pollScheduled();
        assertThat(host.lines).last()
                .isEqualTo("Ish CD run r-1 of my-corp/deploy is still running, 9 min after it was triggered.");
        advance(Duration.ofMinutes(1));
        reporter.pollScheduled();
        assertThat(host.lines).hasSize(2);
    }

    @Test
    void aRefusedTokenIsLookedUpAgainOnceUntilAGoodAnswerCame() {
        memo.created(new Run("r-1", "queued", 0, null, null, null), now.get());
        reporter.started();
        reporter.pollScheduled(); // the wait's start
        assertThat(reporter.lookUpTokenAgain()).isTrue();
        reporter.started(); // the new wait with the token looked up again
        reporter.pollScheduled(); // its start is no answer
        assertThat(reporter.lookUpTokenAgain()).isFalse();

        reporter.started();
        reporter.pollScheduled();
        reporter.pollFailed("HTTP 502");
        reporter.pollScheduled(); // a failed answer
        assertThat(reporter.lookUpTokenAgain()).isFalse();
        reporter.pollScheduled(); // a good answer
        assertThat(reporter.lookUpTokenAgain()).isTrue();
        assertThat(host.count("looking up the credential again")).isEqualTo(2);
    }

    @Test
    void aStatusChangeIsShownPrintedAndKept() {
        memo.created(new Run("r-1", "queued", 0, null, null, null), now.get());
        reporter.statusChanged(new Run("r-1", "running", 3, null, null, null));
        assertThat(memo.lastStatus()).isEqualTo("running");
        assertThat(host.shown).containsExactly("status running");
        assertThat(host.lines).containsExactly("Ish CD run r-1 is running.");
    }
}
