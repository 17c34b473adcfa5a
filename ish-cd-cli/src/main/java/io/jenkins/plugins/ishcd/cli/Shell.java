package io.jenkins.plugins.ishcd.cli;

import java.util.regex.Pattern;

/** Quoting for commands we suggest, so that they can be pasted into a POSIX shell as they are. */
final class Shell {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=@%+-]+");

    private Shell() {}

    /**
     * @param word a project, job or run id
     * @return the word as it is when the shell leaves it alone, else in single quotes
     */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
