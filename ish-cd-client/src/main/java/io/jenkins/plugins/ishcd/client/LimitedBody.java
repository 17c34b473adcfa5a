package io.jenkins.plugins.ishcd.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a body into memory up to a limit, so a runaway answer cannot exhaust the heap. A 2xx body
 * over the limit stops the exchange and completes with {@link TooLarge}; an error answer's body is
 * only excerpted in messages, so just its first {@value #ERROR_BODY_BYTES} bytes are kept.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Signals a body over the limit; turned into a {@link ProtocolException} by the caller. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** How much of an error page is kept: enough for an excerpt, too little to cost time. */
    static final int ERROR_BODY_BYTES = 16 * 1024;

    private final long maxBytes;
    private final boolean truncate;
    private final int status;
    private final AtomicInteger overLimit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(long maxBytes, boolean truncate, int status, AtomicInteger overLimit) {
        this.maxBytes = maxBytes;
        this.truncate = truncate;
        this.status = status;
        this.overLimit = overLimit;
    }

    /**
     * @param maxBytes the limit
     * @param overLimit set to the HTTP status when a 2xx body went over the limit: the HTTP client
     *     may report the cut-off stream as its own I/O error rather than as {@link TooLarge}
     * @return a handler for one request
     */
    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes, AtomicInteger overLimit) {
        return info -> info.statusCode() / 100 == 2
                ? new LimitedBody(maxBytes, false, info.statusCode(), overLimit)
                : new LimitedBody(Math.min(maxBytes, ERROR_BODY_BYTES), true, info.statusCode(), overLimit);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            long room = maxBytes - buffer.size();
            if (!truncate && b.remaining() > room) {
                overLimit.set(status);
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            // An error page keeps its head; the rest is read and dropped.
            byte[] bytes = new byte[(int) Math.min(b.remaining(), room)];
            b.get(bytes);
            b.position(b.limit());
            buffer.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
