package io.jenkins.plugins.ishcd.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;

/**
 * Collects a request's body up to a limit, leaving its headers as they were sent (Netty's aggregator would add a
 * {@code Content-Length} and drop {@code Transfer-Encoding: chunked}), so that the journal shows what arrived.
 * A larger body is not answered here with Netty's empty 413: the request is passed on as a {@link TooLarge}
 * without its body, so that the API answers it in its own JSON and journals it; the rest of the body is then
 * read and dropped, and the connection goes on.
 */
final class BodyLimit extends HttpObjectAggregator {

    /** The head of a request whose body was over the limit; its body is empty. */
    static final class TooLarge extends DefaultFullHttpRequest {
        TooLarge(HttpRequest head) {
            super(head.protocolVersion(), head.method(), head.uri(), Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
        }
    }

    BodyLimit(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected FullHttpMessage beginAggregation(HttpMessage start, ByteBuf content) throws Exception {
        List<String> transferEncoding = start.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        FullHttpMessage aggregated = super.beginAggregation(start, content);
        if (!transferEncoding.isEmpty()) {
            aggregated.headers().set(HttpHeaderNames.TRANSFER_ENCODING, transferEncoding);
        }
        return aggregated;
    }

    @Override
    protected void finishAggregation(FullHttpMessage aggregated) {
        // Netty's adds a Content-Length the client may not have sent; the body's length is known anyway.
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && isContentLengthInvalid(start, maxContentLength)) {
            return null; // answered by handleOversizedMessage, in the API's words
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest) {
            ctx.fireChannelRead(new TooLarge((HttpRequest) oversized));
        } else {
            ctx.close();
        }
    }
}
