package io.jenkins.plugins.ishcd.cli;

import io.jenkins.plugins.ishcd.client.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads the durations of {@code --timeout}, {@code --poll-initial}, {@code --poll-max} and {@code --expected}
 * as {@link Durations#parse} does ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code PT5M}). Every one must be
 * positive: none of these options has a use for zero.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    /**
     * @param text e.g. {@code 90s}, {@code 1h30m}, {@code PT5M}
     * @return the duration
     * @throws CommandLine.TypeConversionException with one sentence saying what is accepted
     */
    @Override
    public Duration convert(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
