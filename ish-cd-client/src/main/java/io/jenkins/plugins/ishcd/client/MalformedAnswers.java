package io.jenkins.plugins.ishcd.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The 2xx answers that could not be read, and their sentences. Decides whether one is worth polling again. A garbled answer may
 * be a passing fault (a proxy cutting a body short); an answer that fails the same way a second
 * time for the same run, or that is well-formed but beyond Jackson's limits, will not get better,
 * and polling it again until the failure budget runs out only makes the user wait.
 *
 * <p>Remembers the last failure of each of at most {@value #REMEMBERED} runs, so memory stays
 * bounded however many runs one client waits on. Thread-safe.
 */
final class MalformedAnswers {
    static final int REMEMBERED = 256;

    /** Why one answer could not be read. */
    static final class Verdict {
        /** Shown in the message, e.g. {@code not JSON}. */
        final String problem;
        /** The same bytes would fail the same way on every poll. */
        final boolean lasting;
        /** Jackson's own exception, for {@code --debug}; null when the JSON was read. */
        final Throwable cause;

        Verdict(String problem, boolean lasting, Throwable cause) {
            this.problem = problem;
            this.lasting = lasting;
            this.cause = cause;
        }
    }

    private final Map<String, String> lastByRun = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * Parses a body that {@link IshCdClient} could not read once more, to say why; only called on
     * the failure path, so the answers that are read pay nothing for it.
     *
     * @param body the answer's text
     * @param problem what the caller found wrong ({@code not JSON}, or why the JSON is not a run)
     * @return the verdict
     */
    static Verdict examine(String body, String problem) {
        if (!"not JSON".equals(problem)) {
            return new Verdict(problem, false, null);
        }
        try {
            RunJson.MAPPER.readTree(body);
            return new Verdict(problem, false, null);
        } catch (StreamConstraintsException e) {
            String limit = e.getMessage() == null ? "" : e.getMessage();
            String what = limit.startsWith("Number") ? "a number longer than 1,000 digits"
                    : limit.startsWith("Document nesting") ? "JSON nested deeper than 1,000 levels"
                    : limit.startsWith("Name") ? "a field name longer than 50,000 characters"
                    : "JSON beyond the limits of this client's parser";
            return new Verdict("it holds " + what + ", more than this client reads", true, e);
        } catch (JsonProcessingException e) {
            return new Verdict(problem, false, e);
        }
    }

    /**
     * @param call what was being done
     * @param status the HTTP status of the answer
     * @param body the answer's text
     * @param problem what the caller found wrong ({@code not JSON}, or why the JSON is not a run)
     * @param redact removes the token from a text
     * @return the failure: transient unless the answer is beyond the parser's limits or came twice
     */
    ProtocolException malformed(Call call, int status, String body, String problem, UnaryOperator<String> redact) {
        Verdict verdict = examine(body, problem);
        // Polling again helps only with a passing fault: not with limits, nor with the same failure twice.
        boolean again = !verdict.lasting && repeated(call.runId, status, verdict);
        String excerpt = BodyExcerpt.of(redact.apply(body));
        Throwable cause = null;
        if (verdict.cause != null) { // for --debug, without the token a server may have echoed
            cause = new IOException(redact.apply(verdict.cause.getClass().getSimpleName() + ": "
                    + verdict.cause.getMessage()));
            cause.setStackTrace(verdict.cause.getStackTrace());
        }
        return new ProtocolException(redact.apply("Ish CD sent an answer that could not be read when " + call.action
                + " (" + verdict.problem + (excerpt.isEmpty() ? "" : ": \"" + excerpt + "\"") + ")."
                + (again ? " It was the second answer for this run unreadable in the same way, so it will not pass." : "")
                + (call.trigger ? Failures.MAY_EXIST : "")), status, call.job, call.runId, !verdict.lasting && !again,
                cause);
    }

    /**
     * @param call what was being done @param status the HTTP status @param maxBytes the limit
     * @return the failure for an answer over the limit; not transient
     */
    static ProtocolException tooLarge(Call call, int status, long maxBytes) {
        String bytes = String.format(Locale.ROOT, "%,d", maxBytes) + " bytes";
        String limit = maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MiB (" + bytes + ")" : bytes;
        return new ProtocolException("Ish CD's answer when " + call.action + " was too large: it is over the " + limit
                + " this client reads, so it was not read." + (call.runId != null ? " A run whose log is that large can"
                + " only be read in Ish CD." : "") + (call.trigger ? Failures.MAY_EXIST : ""), status, call.job,
                call.runId, false, null);
    }

    /**
     * @param runId the run polled, or null for other calls (a trigger is never sent again anyway)
     * @param status the HTTP status of the answer
     * @param verdict why the answer could not be read
     * @return whether the previous unreadable answer for this run failed in the same way
     */
    boolean repeated(String runId, int status, Verdict verdict) {
        if (runId == null) {
            return false;
        }
        // Where the parser stopped, too: two bodies cut short at random places are not the same failure.
        String cause = "";
        if (verdict.cause instanceof JsonProcessingException) {
            JsonProcessingException e = (JsonProcessingException) verdict.cause;
            cause = e.getOriginalMessage() + (e.getLocation() == null ? "" : " at " + e.getLocation().getCharOffset());
        }
        String signature = status + " " + verdict.problem + " " + cause;
        synchronized (lastByRun) {
            return signature.equals(lastByRun.put(runId, signature));
        }
    }
}
