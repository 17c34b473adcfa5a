package io.jenkins.plugins.ishcd.emulator;

import java.time.Duration;

/**
 * How a run must end, set by {@link Faults#outcomeNext(Outcome, Duration, int)}.
 *
 * @param outcome its outcome
 * @param running how long it runs, or {@code null} for its job's running time
 */
record RunEnd(Outcome outcome, Duration running) {
}
