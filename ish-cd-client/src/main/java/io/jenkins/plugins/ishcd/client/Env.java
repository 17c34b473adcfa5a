package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for the variables ({@code env}) passed to a run.
 *
 * <p>The Ish CD API takes {@code {"env": {"NAME": "value"}}}; names end up as shell variables of
 * the job's runtime, so this client accepts only {@code [A-Za-z_][A-Za-z0-9_]*}. Values are any
 * string, including empty ones.
 */
public final class Env {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Env() {}

    /**
     * @param name a candidate variable name, may be null
     * @return whether {@code name} matches {@code [A-Za-z_][A-Za-z0-9_]*}
     */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @param name a variable name
     * @throws IllegalArgumentException with one sentence naming the bad name and the rule
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(
                    "An Ish CD variable has an empty name: give every variable a name such as BRANCH.");
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException("The Ish CD variable name '" + quoted(name) + "' is not valid: use letters,"
                    + " digits and underscores, not starting with a digit (for example BRANCH_NAME).");
        }
    }

    /**
     * Splits {@code NAME=VALUE} at its first {@code =}, so values may contain {@code =}.
     *
     * @param assignment text such as {@code BRANCH=main} or {@code QUERY=a=b}
     * @return the name and the value (possibly empty)
     * @throws IllegalArgumentException if there is no {@code =} or the name is not valid
     */
    @NonNull
    public static Map.Entry<String, String> parseAssignment(String assignment) {
        int eq = assignment == null ? -1 : assignment.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("The variable '" + quoted(assignment)
                    + "' has no '=': write it as NAME=VALUE, for example BRANCH=main.");
        }
        String name = assignment.substring(0, eq);
        checkName(name);
        return Map.entry(name, assignment.substring(eq + 1));
    }

    /**
     * Collects variables given as a list (command line options, form rows) into the map a
     * {@link RunRequest} takes, refusing a name given twice rather than letting one silently win.
     *
     * @param variables names and values, in order
     * @return the variables in the order given
     * @throws IllegalArgumentException naming a bad or repeated name
     */
    @NonNull
    public static Map<String, String> toMap(@NonNull List<Map.Entry<String, String>> variables) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : variables) {
            checkName(v.getKey());
            if (map.containsKey(v.getKey())) {
                throw new IllegalArgumentException("The Ish CD variable " + v.getKey() + " is given twice: give it once.");
            }
            map.put(v.getKey(), v.getValue()); // a null value is refused by RunRequest.of, naming the variable
        }
        return map;
    }

    /** User text in a message: one line, at most 60 characters (a long one may be a pasted secret). */
    private static String quoted(String text) {
        return Sanitize.field(text, 60);
    }

    /**
     * @param names variable names
     * @return the names joined with {@code ", "}, for labels that must never show values
     */
    @NonNull
    public static String describeNames(Collection<String> names) {
        return String.join(", ", names);
    }
}
