package io.jenkins.plugins.ishcd.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JDK HttpClient wrapper sending requests the way the Ish CD API page shows them. */
final class TestHttp {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IshCdEmulator emulator;
    private final HttpClient client;

    TestHttp(IshCdEmulator emulator) {
        this.emulator = emulator;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (emulator.isHttps()) {
            builder.sslContext(emulator.clientSslContext());
        }
        this.client = builder.build();
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body);
    }

    /** @param path below the base URL, e.g. {@code /projects/my-corp}; {@code token} null sends no Authorization */
    HttpResponse<String> send(String method, String path, String token, String body) {
        try {
            return sendOrThrow(method, path, token, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> sendOrThrow(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
