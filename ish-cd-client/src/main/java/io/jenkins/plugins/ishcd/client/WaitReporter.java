package io.jenkins.plugins.ishcd.client;

import java.time.Clock;
import java.time.Duration;

/**
 * What the waits of one {@link RunLife} tell its host: a line per status change and per failed poll,
 * a heartbeat when nothing was printed for {@link RunLife#HEARTBEAT}, and whether a refused token is
 * worth one more look-up (once per refusal after a good answer). Used by the life's events only, one
 * at a time, so it needs no lock.
 */
final class WaitReporter {
    private final RunMemo memo;
    private final RunHost host;
    private final Clock clock;
    private long lastLineMillis;
    private boolean pollFailed;
    private boolean answered;
    private boolean tokenLookedUpAgain;

    WaitReporter(RunMemo memo, RunHost host, Clock clock) {
        this.memo = memo;
        this.host = host;
        this.clock = clock;
    }

    /** A wait begins: the heartbeat counts from now. */
    void started() {
        lastLineMillis = clock.millis();
        pollFailed = false;
        answered = false;
    }

    void statusChanged(Run run) {
        memo.lastStatus(run.rawStatus());
        host.statusChanged(run);
        print(RunReport.statusChanged(memo.job(), run));
        tokenLookedUpAgain = false;
    }

    void pollFailed(String line) {
        print(line);
        pollFailed = true;
    }

    /** When a wait begins, then after every answer, good or failed, while the wait goes on. */
    void pollScheduled() {
        if (answered && !pollFailed) {
            tokenLookedUpAgain = false; // a good answer: a later refusal may be a rotated token
        }
        answered = true; // the first call is the wait's start, not an answer
        pollFailed = false;
        long now = clock.millis();
        if (now - lastLineMillis >= RunLife.HEARTBEAT.toMillis()) {
            print(RunReport.stillWaiting(memo.job(), memo.runId(), memo.lastStatus(),
                    Duration.ofMillis(now - memo.triggeredAtMillis())));
        }
    }

    /**
     * @return true, the first time after a good answer, when Ish CD refused the token: the host may
     *     hold a new one (a credential rotated during the wait); false on a second refusal in a row
     */
    boolean lookUpTokenAgain() {
        if (tokenLookedUpAgain) {
            return false;
        }
        tokenLookedUpAgain = true;
        print(RunReport.tokenRefusedLookingAgain(memo.job(), memo.runId()));
        return true;
    }

    private void print(String line) {
        host.print(line);
        lastLineMillis = clock.millis();
    }
}
