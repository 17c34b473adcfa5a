package io.jenkins.plugins.ishcd.emulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Collects a request's body up to a limit. A larger one is not answered here with Netty's empty 413 but passed
 * on as a {@link TooLarge} request without its body, so that the API answers it in its own JSON and journals it;
 * the rest of the body is then read and dropped, and the connection goes on.
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
