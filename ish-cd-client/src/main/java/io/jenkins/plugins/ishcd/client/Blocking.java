package io.jenkins.plugins.ishcd.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The blocking side of the client: waiting on its futures, and the library's version. */
final class Blocking {
    private Blocking() {}

    /**
     * @return the future's value
     * @throws IshCdException its failure, or a {@link CommunicationException} when interrupted (the
     *     future is then cancelled: no further trigger attempt, no further poll)
     */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            if (cause instanceof IshCdException) {
                throw (IshCdException) cause;
            }
            throw new IshCdException("Unexpected failure talking to Ish CD: " + cause, 0, null, null, false, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CommunicationException("Interrupted while talking to Ish CD; a run it had created goes on"
                    + " (its id was reported to the listener).", 0, null, null, e);
        }
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = IshCdClient.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": the version only decorates the User-Agent
        }
        return p.getProperty("version", "unknown");
    }
}
