package io.jenkins.plugins.ishcd.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A request path matched to one of the API's resources, with its percent-decoded identifiers.
 *
 * @param kind which resource
 * @param project the {@code {project}} segment, decoded, or {@code null}
 * @param job the {@code {job}} segment, decoded, or {@code null}
 * @param run the {@code {run-id}} segment, decoded, or {@code null}
 */
record Route(Kind kind, String project, String job, String run) {

    /** The API's resources and the methods each allows. */
    enum Kind {
        ACCOUNT("GET"),
        PROJECTS("GET"),
        PROJECT("GET"),
        JOBS("GET"),
        JOB("GET"),
        JOB_RUNS("GET", "POST"),
        RUN("GET"),
        PROJECT_RUNS("GET");

        private final List<String> methods;

        Kind(String... methods) {
            this.methods = List.of(methods);
        }

        List<String> methods() {
            return methods;
        }
    }

    /**
     * @param rawPath the path as sent, still percent-encoded, e.g. {@code /v1/projects/my%20corp/jobs}
     * @return the route, or empty when the path names no resource of the API (or is not valid percent-encoding)
     */
    static Optional<Route> parse(String rawPath) {
        if ("/v1/account".equals(rawPath)) {
            return Optional.of(new Route(Kind.ACCOUNT, null, null, null));
        }
        if (rawPath == null || !rawPath.startsWith("/v1/projects")) {
            return Optional.empty();
        }
        String[] raw = rawPath.substring("/v1/".length()).split("/", -1);
        String[] s = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            s[i] = decode(raw[i]);
            if (s[i] == null || s[i].isEmpty()) {
                return Optional.empty();
            }
        }
        if (!"projects".equals(s[0])) {
            return Optional.empty();
        }
        switch (s.length) {
            case 1:
                return Optional.of(new Route(Kind.PROJECTS, null, null, null));
            case 2:
                return Optional.of(new Route(Kind.PROJECT, s[1], null, null));
            case 3:
                return "jobs".equals(raw[2]) ? Optional.of(new Route(Kind.JOBS, s[1], null, null))
                        : "runs".equals(raw[2]) ? Optional.of(new Route(Kind.PROJECT_RUNS, s[1], null, null))
                        : Optional.empty();
            case 4:
                return "jobs".equals(raw[2]) ? Optional.of(new Route(Kind.JOB, s[1], s[3], null)) : Optional.empty();
            case 5:
                return "jobs".equals(raw[2]) && "runs".equals(raw[4])
                        ? Optional.of(new Route(Kind.JOB_RUNS, s[1], s[3], null)) : Optional.empty();
            case 6:
                return "jobs".equals(raw[2]) && "runs".equals(raw[4])
                        ? Optional.of(new Route(Kind.RUN, s[1], s[3], s[5])) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** @return whether some segment of the path is not valid percent-encoded UTF-8, e.g. {@code /v1/projects/100%} */
    static boolean isMalformed(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            if (decode(segment) == null) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decodes one path segment as UTF-8; unlike form decoding, '+' stays '+'. Null when malformed. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); ) {
            int c = segment.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
