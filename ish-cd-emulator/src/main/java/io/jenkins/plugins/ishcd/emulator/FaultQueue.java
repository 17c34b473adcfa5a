package io.jenkins.plugins.ishcd.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The counted faults ("the next N requests") and shares of one {@link Faults} scope, used up in the order they
 * were added. Not thread-safe: {@link Faults} guards it.
 */
final class FaultQueue {

    private final List<Counted<Fault>> counted = new ArrayList<>();
    private final List<Share> shares = new ArrayList<>();
    private final List<Counted<RunEnd>> outcomes = new ArrayList<>();

    void add(String method, int count, Fault fault, Fault.Phase phase) {
        counted.add(new Counted<>(method, count, fault, phase));
    }

    void addShare(String method, double share, Fault fault, long seed) {
        shares.add(new Share(method, share, fault, new Random(seed)));
    }

    void addOutcome(RunEnd end, int count) {
        outcomes.add(new Counted<>(null, count, end, null));
    }

    /** Uses up and returns the fault for a request of {@code method} in {@code phase}, or {@code null}. */
    Fault take(String method, Fault.Phase phase) {
        Fault fault = takeFirst(counted, method, phase);
        if (fault == null && phase == Fault.Phase.BEFORE) {
            for (Share share : shares) {
                if (matches(share.method, method) && share.random.nextDouble() < share.share) {
                    return share.fault;
                }
            }
        }
        return fault;
    }

    /** Uses up and returns how the next run must end, or {@code null} to keep its job's outcome and time. */
    RunEnd takeOutcome() {
        return takeFirst(outcomes, null, null);
    }

    void clear() {
        counted.clear();
        shares.clear();
        outcomes.clear();
    }

    private static <T> T takeFirst(List<Counted<T>> list, String method, Fault.Phase phase) {
        for (Iterator<Counted<T>> it = list.iterator(); it.hasNext(); ) {
            Counted<T> candidate = it.next();
            if (candidate.phase == phase && matches(candidate.method, method)) {
                if (--candidate.remaining == 0) {
                    it.remove();
                }
                return candidate.value;
            }
        }
        return null;
    }

    private static boolean matches(String faultMethod, String requestMethod) {
        return faultMethod == null || faultMethod.equalsIgnoreCase(requestMethod);
    }

    private static final class Counted<T> {
        final String method;
        int remaining;
        final T value;
        final Fault.Phase phase;

        Counted(String method, int remaining, T value, Fault.Phase phase) {
            this.method = method;
            this.remaining = remaining;
            this.value = value;
            this.phase = phase;
        }
    }

    private record Share(String method, double share, Fault fault, Random random) {
    }
}
