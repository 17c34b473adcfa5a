package io.jenkins.plugins.ishcd.emulator;

import java.time.Duration;

/**
 * One injected misbehaviour, as decided for one request.
 *
 * @param kind what happens instead of the normal answer
 * @param status the status code answered ({@code 0} for a drop)
 * @param retryAfter the {@code Retry-After} of a 429, or {@code null} for none
 */
record Fault(Kind kind, int status, Duration retryAfter) {

    /** What an injected fault does. */
    enum Kind {
        /** An error status with the body a gateway or the service would send (HTML for 5xx). */
        FAIL,
        /** 429 Too Many Requests, with or without {@code Retry-After}. */
        RATE_LIMIT,
        /** The connection is closed without any answer. */
        DROP
    }

    /** When a counted fault strikes relative to the emulator acting on the request. */
    enum Phase {
        /** The request never reaches the service: nothing is created. */
        BEFORE,
        /** The service acts (a POST creates its run), then the answer is lost or replaced. */
        AFTER
    }
}
