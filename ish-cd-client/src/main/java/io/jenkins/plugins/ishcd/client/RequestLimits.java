package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * What the engine may send to one Ish CD base URL: at most {@link #maxInFlight()} requests at once
 * and at most {@link #requestsPerSecond()} reaching it in any one-second window, whatever the
 * delays on the way (see {@link RateBudget}). Polls and triggers beyond that
 * wait their turn in {@link RequestScheduler}, the most overdue first: they are late, never lost.
 *
 * <p>The Ish CD API documents no rate limit. The defaults, {@value #DEFAULT_REQUESTS_PER_SECOND}
 * requests per second and {@value #DEFAULT_MAX_IN_FLIGHT} in flight, carry 10,000 concurrent waits
 * at the default polling intervals (about 340 requests per second) and still spread a burst of
 * triggers or a controller's resume storm over seconds instead of sending it at once.
 * Immutable.
 */
public final class RequestLimits {
    /** Default budget of requests per second per base URL. */
    public static final int DEFAULT_REQUESTS_PER_SECOND = 500;
    /** Default bound on requests in flight per base URL. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** The largest budget accepted, in requests per second. */
    public static final int MAX_REQUESTS_PER_SECOND = 10_000;
    /** The largest bound on requests in flight accepted. */
    public static final int MAX_IN_FLIGHT = 1_000;

    private static final RequestLimits DEFAULTS = new RequestLimits(DEFAULT_REQUESTS_PER_SECOND, DEFAULT_MAX_IN_FLIGHT);

    private final int requestsPerSecond;
    private final int maxInFlight;

    private RequestLimits(int requestsPerSecond, int maxInFlight) {
        this.requestsPerSecond = requestsPerSecond;
        this.maxInFlight = maxInFlight;
    }

    /** @return {@value #DEFAULT_REQUESTS_PER_SECOND} requests per second, {@value #DEFAULT_MAX_IN_FLIGHT} in flight */
    @NonNull
    public static RequestLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @param requestsPerSecond the budget, 1 to {@value #MAX_REQUESTS_PER_SECOND}
     * @param maxInFlight the bound on requests under way at once, 1 to {@value #MAX_IN_FLIGHT}
     * @return the limits
     * @throws IllegalArgumentException naming the value out of range and the range
     */
    @NonNull
    public static RequestLimits of(int requestsPerSecond, int maxInFlight) {
        if (requestsPerSecond < 1 || requestsPerSecond > MAX_REQUESTS_PER_SECOND) {
            throw new IllegalArgumentException("The Ish CD request budget must be 1 to " + MAX_REQUESTS_PER_SECOND
                    + " requests per second, not " + requestsPerSecond + ".");
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("The number of Ish CD requests in flight must be 1 to " + MAX_IN_FLIGHT
                    + ", not " + maxInFlight + ".");
        }
        return new RequestLimits(requestsPerSecond, maxInFlight);
    }

    /** @return the most requests sent in any one-second window */
    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** @return the most requests under way at once */
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestLimits && ((RequestLimits) o).requestsPerSecond == requestsPerSecond
                && ((RequestLimits) o).maxInFlight == maxInFlight;
    }

    @Override
    public int hashCode() {
        return requestsPerSecond * 31 + maxInFlight;
    }

    @Override
    public String toString() {
        return "RequestLimits[" + requestsPerSecond + "/s, " + maxInFlight + " in flight]";
    }
}
