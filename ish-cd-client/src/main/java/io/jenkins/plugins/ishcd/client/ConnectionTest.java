package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Checks a base URL and token with one harmless read, {@code GET /projects}, and says what it found
 * in one sentence. The read endpoints are optional on the server, so a 404 there is reported as
 * "reached, but cannot tell", not as a failure of the token.
 */
public final class ConnectionTest {
    private ConnectionTest() {}

    /** The outcome: whether the connection works, and a sentence saying so or naming the cause and fix. */
    public record Result(boolean ok, @NonNull String message) {}

    /**
     * @param client a client with the base URL and token to check
     * @return the outcome; never throws for an Ish CD failure
     */
    @NonNull
    public static Result run(@NonNull IshCdClient client) {
        try {
            int n = client.catalog().listProjects().size();
            return new Result(true, "Connected to " + client.baseUrl() + ": the token was accepted and " + n
                    + (n == 1 ? " project is" : " projects are") + " visible.");
        } catch (NotFoundException e) {
            return new Result(true, "Reached " + client.baseUrl() + ", but it has no project list (HTTP 404), so the"
                    + " token could not be checked; if runs fail with HTTP 404, check that the URL ends in /v1.");
        } catch (IshCdException e) {
            return new Result(false, e.getMessage());
        }
    }
}
