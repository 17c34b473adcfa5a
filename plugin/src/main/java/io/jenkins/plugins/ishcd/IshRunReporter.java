package io.jenkins.plugins.ishcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import io.jenkins.plugins.ishcd.client.JobRef;
import io.jenkins.plugins.ishcd.client.LogCap;
import io.jenkins.plugins.ishcd.client.Run;
import io.jenkins.plugins.ishcd.client.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the Pipeline step and the freestyle build step print and keep when a run ends. */
final class IshRunReporter {

    private static final Logger LOGGER = Logger.getLogger(IshRunReporter.class.getName());

    private IshRunReporter() {}

    /**
     * Keeps the whole log with the build, prints it capped (when asked), and the summary line.
     *
     * @return the run as a map for the script; its {@code log} is capped like the console's
     */
    @NonNull
    static Map<String, Object> finished(
            @NonNull TaskListener listener,
            @NonNull IshRunAction action,
            @NonNull IshRunRecord record,
            @NonNull JobRef job,
            @NonNull Run run,
            @NonNull IshRunSettings settings) {
        action.update(record, run);
        PrintStream out = listener.getLogger();
        LogCap capped = LogCap.of(run.log(), settings.logCapChars());
        if (run.hasLog()) {
            try {
                action.keepLog(record, run.log());
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Could not keep the log of Ish CD run " + run.id(), e);
            }
            if (settings.printLog()) {
                out.println(capped.text());
                if (capped.truncated()) {
                    out.println(capped.notice(Messages.IshRunReporter_WholeLogWhere()));
                }
            }
            if (record.isLogKept()) {
                try {
                    listener.hyperlink(action.logUrl(record), Messages.IshRunReporter_WholeLog(run.id()));
                    out.println();
                } catch (IOException e) {
                    LOGGER.log(Level.FINE, "Could not print a link", e);
                }
            }
        }
        out.println(RunReport.summary(job, run));
        Map<String, Object> map = run.toMap(job);
        map.put("log", capped.text());
        return map;
    }
}
