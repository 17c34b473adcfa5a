package io.jenkins.plugins.ishcd.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that knows whether the HTTP client ever started to send it. With
 * {@code Expect: 100-continue} the JDK subscribes to the body only after the server's
 * {@code 100 Continue} (or, from JDK 24, after waiting five seconds for it), so a failure before
 * that means the body never left this JVM and the server cannot have acted on the request.
 */
final class WatchedBody implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private volatile boolean started;

    WatchedBody(HttpRequest.BodyPublisher body) {
        this.body = body;
    }

    /** @return whether the client subscribed to the body, that is, may have sent some of it */
    boolean started() {
        return started;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        started = true;
        body.subscribe(subscriber);
    }
}
