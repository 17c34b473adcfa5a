package io.jenkins.plugins.ishcd.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a body into memory up to a limit, then stops reading, so a runaway answer cannot exhaust
 * the heap. A body over the limit completes with {@link TooLarge}.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Signals a body over the limit; turned into a {@link ProtocolException} by the caller. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final long maxBytes;
    private final AtomicBoolean overLimit;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(long maxBytes, AtomicBoolean overLimit) {
        this.maxBytes = maxBytes;
        this.overLimit = overLimit;
    }

    /**
     * @param maxBytes the limit
     * @param overLimit set when a body went over it: the HTTP client may report the cut-off stream
     *     as its own I/O error rather than as {@link TooLarge}
     * @return a handler for one request
     */
    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes, AtomicBoolean overLimit) {
        return info -> new LimitedBody(maxBytes, overLimit);
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
            if (buffer.size() + (long) b.remaining() > maxBytes) {
                overLimit.set(true);
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
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
