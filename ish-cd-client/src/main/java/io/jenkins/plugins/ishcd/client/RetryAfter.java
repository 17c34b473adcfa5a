package io.jenkins.plugins.ishcd.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3).
 * A value beyond {@link #MAX} is treated as unreadable: no server means it, and it would overflow
 * the arithmetic of waits.
 */
final class RetryAfter {
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    /**
     * @param value the header value, may be null
     * @param now the current time, for HTTP-dates
     * @return the delay, never negative; empty when absent, unreadable or longer than {@link #MAX}
     */
    static Optional<Duration> parse(String value, Instant now) {
        return parseUnbounded(value, now).filter(d -> d.compareTo(MAX) <= 0);
    }

    private static Optional<Duration> parseUnbounded(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // too many digits to be meant seriously
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
