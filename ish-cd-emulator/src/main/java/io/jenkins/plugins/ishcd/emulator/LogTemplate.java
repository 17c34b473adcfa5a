package io.jenkins.plugins.ishcd.emulator;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code ${VAR}} in a job's log template from a run's env, so tests can see variables arrive. */
final class LogTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private LogTemplate() {
    }

    /**
     * @param template the job's log, or {@code null}
     * @param env the run's variables
     * @return the log with every {@code ${NAME}} replaced by its value; an unset variable becomes empty,
     *     as in the shell the real service runs jobs in
     */
    static String expand(String template, Map<String, String> env) {
        if (template == null) {
            return null;
        }
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
