package io.jenkins.plugins.ishcd.client;

import java.nio.charset.StandardCharsets;

/** Percent-encodes one URI path segment (RFC 3986): everything but unreserved characters. */
final class PathSegment {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {}

    /**
     * @param segment a project, job or run identifier
     * @return the encoded segment; {@code .} and {@code ..} are encoded too, so they cannot climb the path
     */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        boolean dotsOnly = segment.chars().allMatch(c -> c == '.');
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !dotsOnly);
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
