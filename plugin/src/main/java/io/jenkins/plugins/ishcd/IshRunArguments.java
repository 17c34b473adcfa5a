package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Util;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.RunReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;

/**
 * The step's arguments as a Jenkinsfile writes them. Structs' {@code DescribableModel} has no map
 * parameter type, so {@code env: [NAME: 'value']} is turned into the step's list of
 * {@link IshEnvVariable}s on the way in and back on the way out (the Snippet Generator).
 */
final class IshRunArguments {

    private IshRunArguments() {}

    /**
     * @param arguments as written; {@code env} a map or already a list
     * @return the same with {@code env} as a list of {@code name}/{@code value} maps; a null value
     *     stays null, for the step to refuse with a sentence (an exception here would reach the user
     *     as a stack trace)
     */
    @NonNull
    static Map<String, Object> instantiate(@NonNull Map<String, Object> arguments) {
        arguments = expectedDurationAsText(arguments);
        if (!(arguments.get("env") instanceof Map<?, ?> env)) {
            return arguments;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<?, ?> e : env.entrySet()) {
            Map<String, Object> variable = new HashMap<>();
            variable.put("name", String.valueOf(e.getKey()));
            variable.put("value", e.getValue() == null ? null : String.valueOf(e.getValue()));
            list.add(variable);
        }
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        copy.put("env", list);
        return copy;
    }

    /**
     * @param arguments as written
     * @return the same with a number given as {@code expectedDuration} ({@code 90}) as its text, so that the
     *     step refuses it with the sentence "a number needs a unit" rather than a type error
     */
    @NonNull
    static Map<String, Object> expectedDurationAsText(@NonNull Map<String, Object> arguments) {
        if (!(arguments.get("expectedDuration") instanceof Number n)) {
            return arguments;
        }
        Map<String, Object> copy = new LinkedHashMap<>(arguments);
        copy.put("expectedDuration", n.toString());
        return copy;
    }

    /** @return {@code ud} with {@code env} as a map, the form people type; without it when empty */
    @NonNull
    static UninstantiatedDescribable uninstantiate(@NonNull UninstantiatedDescribable ud) {
        if (!(ud.getArguments().get("env") instanceof List<?> list)) {
            return ud;
        }
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object element : list) {
            if (!(element instanceof UninstantiatedDescribable variable)) {
                return ud;
            }
            env.put(String.valueOf(variable.getArguments().get("name")), Util.fixNull((String)
                    variable.getArguments().get("value")));
        }
        Map<String, Object> arguments = new LinkedHashMap<>(ud.getArguments());
        if (env.isEmpty()) {
            arguments.remove("env");
        } else {
            arguments.put("env", env);
        }
        return ud.withArguments(arguments);
    }

    /**
     * The step's label in the console and in Pipeline views.
     *
     * @param namedArgs the step's arguments as written: {@code env} is a map or a list
     * @return {@code project/job (env: NAMES)}, never a value; null when project or job is missing
     */
    @CheckForNull
    static String label(Map<String, Object> namedArgs) {
        Object project = namedArgs.get("project");
        Object job = namedArgs.get("job");
        if (!(project instanceof String p) || !(job instanceof String j) || p.isBlank() || j.isBlank()) {
            return null;
        }
        return RunReport.label(JobRef.of(p, j), envNames(namedArgs.get("env")));
    }

    private static List<String> envNames(@CheckForNull Object env) {
        List<String> names = new ArrayList<>();
        if (env instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> names.add(String.valueOf(k)));
        } else if (env instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof IshEnvVariable v) {
                    names.add(v.getName());
                } else if (element instanceof UninstantiatedDescribable ud) {
                    names.add(String.valueOf(ud.getArguments().get("name")));
                } else if (element instanceof Map<?, ?> m) {
                    names.add(String.valueOf(m.get("name")));
                }
            }
        }
        return names;
    }
}
