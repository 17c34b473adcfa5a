package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.BaseUrl;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import io.jenkins.plugins.ishcd.client.IshCdClientBuilder;
import io.jenkins.plugins.ishcd.client.IshCdExecutors;
import io.jenkins.plugins.ishcd.client.RequestLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where Ish CD is and how to authenticate: shared by {@code run} and {@code get}.
 *
 * <p>There is deliberately no option that takes the token itself: command lines show in process
 * lists and shell histories. The token comes from {@code --token-file} or {@code ISH_CD_TOKEN}.
 */
public final class ConnectionOptions {
    /** No API token is this long; a bigger file is the wrong file. */
    static final int MAX_TOKEN_FILE_BYTES = 64 * 1024;

    /** The environment variable holding the API token. */
    public static final String TOKEN_VARIABLE = "ISH_CD_TOKEN";
    /** The environment variable holding the API base URL. */
    public static final String BASE_URL_VARIABLE = "ISH_CD_BASE_URL";

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Ish CD API base URL (default: $" + BASE_URL_VARIABLE + ", else " + BaseUrl.DEFAULT + ").")
    String baseUrl;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the API token (default: the $" + TOKEN_VARIABLE + " variable).")
    Path tokenFile;

    @Option(names = "--requests-per-second", paramLabel = "N",
            description = "Most requests sent to Ish CD in any second, 1 to " + RequestLimits.MAX_REQUESTS_PER_SECOND
                    + " (default " + RequestLimits.DEFAULT_REQUESTS_PER_SECOND + ").")
    Integer requestsPerSecond;

    /**
     * @param terminal where environment variables come from
     * @return the base URL: {@code --base-url}, else {@code ISH_CD_BASE_URL}, else the public API
     * @throws IllegalArgumentException with one sentence when it is not a usable URL
     */
    @NonNull
    String baseUrl(@NonNull Terminal terminal) {
        String url = baseUrl != null ? baseUrl : terminal.env(BASE_URL_VARIABLE);
        return BaseUrl.parse(url != null ? url : BaseUrl.DEFAULT).toString();
    }

    /**
     * @param terminal where environment variables come from
     * @return the token: the content of {@code --token-file} (surrounding white space removed), else
     *     {@code ISH_CD_TOKEN}
     * @throws IllegalArgumentException with one sentence, never quoting the token, when there is none
     */
    @NonNull
    String token(@NonNull Terminal terminal) {
        if (tokenFile != null) {
            String token;
            if (Files.isDirectory(tokenFile)) {
                throw new IllegalArgumentException("The token file " + tokenFile + " is a directory: give the file that"
                        + " holds the token.");
            }
            try (InputStream in = Files.newInputStream(tokenFile)) {
                // Read a bounded amount: a mistyped path to a log or /dev/zero must not exhaust memory.
                byte[] bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
                if (bytes.length > MAX_TOKEN_FILE_BYTES) {
                    throw new IllegalArgumentException("The token file " + tokenFile + " is larger than any API token"
                            + " (over 64 KiB): give the file that holds only the token.");
                }
                token = new String(bytes, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                // Not quoted: people paste the token itself where the file name goes.
                throw new IllegalArgumentException("The file given to --token-file does not exist (its name is not"
                        + " shown, in case it is the token itself): give the path of a file that holds the token.");
            } catch (IOException e) {
                throw new IllegalArgumentException("The token file " + tokenFile + " cannot be read ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "): check its permissions.");
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException("The token file " + tokenFile + " is empty: put an Ish CD API token"
                        + " in it (generate one in Ish under Integrations > Generate Token).");
            }
            return token;
        }
        String token = terminal.env(TOKEN_VARIABLE);
        if (token == null) {
            throw new IllegalArgumentException("No Ish CD API token: set " + TOKEN_VARIABLE + " or give --token-file"
                    + " FILE (generate a token in Ish under Integrations > Generate Token).");
        }
        return token.strip();
    }

    /**
     * @param terminal where environment variables come from
     * @return a client for the resolved URL and token
     * @throws IllegalArgumentException with one sentence for a bad URL or a missing or malformed token
     */
    @NonNull
    IshCdClient client(@NonNull Terminal terminal) {
        String url = baseUrl(terminal);
        IshCdClientBuilder b = IshCdClient.builder()
                .baseUrl(url)
                .token(token(terminal))
                .userAgent("ish-cd-cli/" + IshCdClient.VERSION);
        if (url.startsWith("http://")) {
            PlainHttp.configure(b); // loopback only (BaseUrl refuses others): no TLS to load
        }
        if (requestsPerSecond != null) {
            if (requestsPerSecond < 1 || requestsPerSecond > RequestLimits.MAX_REQUESTS_PER_SECOND) {
                throw new IllegalArgumentException("--requests-per-second must be 1 to "
                        + RequestLimits.MAX_REQUESTS_PER_SECOND + ", not " + requestsPerSecond + ".");
            }
            IshCdExecutors.scheduler().setLimits(URI.create(BaseUrl.parse(url).toString()),
                    RequestLimits.of(requestsPerSecond, RequestLimits.DEFAULT_MAX_IN_FLIGHT));
        }
        return b.build();
    }
}
