package io.jenkins.plugins.ishcd.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a query string, form-decoded ({@code +} is a space, {@code %XX} a byte of UTF-8); the first
 * value of a repeated name wins.
 *
 * @param values parameter name to value ({@code ""} for a name without {@code =})
 */
record QueryParams(Map<String, String> values) {

    /**
     * @param rawQuery the query as sent, without {@code ?}
     * @throws IllegalArgumentException with a sentence for a 400 answer when the encoding is broken
     */
    static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                values.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new QueryParams(values);
    }

    /** @return the value, or {@code null} when the parameter is absent */
    String get(String name) {
        return values.get(name);
    }

    /**
     * @return the parameter as a whole number of at least {@code min}, or {@code otherwise} when it is absent
     * @throws IllegalArgumentException with a sentence for a 400 answer, e.g. for {@code limit=many}
     */
    int number(String name, int min, int otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("The query parameter '" + name + "' must be a whole number of " + min
                + " or more, not '" + value + "'");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The query is not valid form encoding ('" + text + "'): write '%' as %25");
        }
    }
}
