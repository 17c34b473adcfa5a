package io.jenkins.plugins.ishcd.client;

/**
 * What the queue of one base URL in {@link RequestScheduler} holds at a moment.
 *
 * @param queued requests due or waiting for their time
 * @param inFlight requests sent and not yet answered
 * @param peakInFlight the most in flight at once since the first request
 */
public record LaneLoad(int queued, int inFlight, int peakInFlight) {}
