package io.jenkins.plugins.ishcd.emulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One TCP connection: hands its requests to a request thread one at a time, in order (as HTTP/1.1 answers
 * them), writes the answers, and closes the connection when the {@code IdleStateHandler} before it reports it
 * idle after an answer, with no request pending: the emulator's keep-alive timeout. Like nginx's
 * {@code keepalive_timeout}, it applies between requests only; a new connection waits for its first request.
 * Every method runs on the connection's event loop, so the fields need no locks.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    /** Answers one request; runs on a request thread, may sleep (latency faults). */
    interface Responder {
        Answer answer(IncomingRequest request) throws InterruptedException;
    }

    private record Pending(IncomingRequest request, HttpVersion version, boolean head, boolean close, boolean counted) {
    }

    private static final Logger LOGGER = Logger.getLogger(ConnectionHandler.class.getName());

    private final Responder responder;
    private final Executor workers;
    private final Traffic traffic;
    private final Clock clock;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean answeredOnce;

    ConnectionHandler(Responder responder, Executor workers, Traffic traffic, Clock clock) {
        this.responder = responder;
        this.workers = workers;
        this.traffic = traffic;
        this.clock = clock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        traffic.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        FullHttpRequest request = (FullHttpRequest) msg;
        try {
            waiting.add(pending(ctx, request));
        } finally {
            request.release();
        }
        next(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
        } else if (answeredOnce && !busy && waiting.isEmpty()) {
            // Like nginx's keepalive_timeout: only a kept-alive connection with no request pending is closed.
            traffic.connectionClosedIdle();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.stream().filter(Pending::counted).forEach(p -> traffic.answered());
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The client went away or sent something unreadable: nothing left to answer on this connection.
        LOGGER.log(Level.FINE, "Connection ended early", cause);
        ctx.close();
    }

    private Pending pending(ChannelHandlerContext ctx, FullHttpRequest request) {
        Answer refusal = null;
        boolean close = !HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            refusal = Answer.error(400, "The request is not valid HTTP/1.1 ("
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")");
            close = true;
        } else if (request instanceof BodyLimit.TooLarge) {
            refusal = Answer.error(413, "The request body is larger than 1 MiB");
            // A client that waits for "100 Continue" sends no body: the connection cannot be read on.
            close |= HttpUtil.is100ContinueExpected(request);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), name -> new ArrayList<>()).add(h.getValue()));
        IncomingRequest in = new IncomingRequest(request.method().name(), request.uri(), headers,
                ByteBufUtil.getBytes(request.content()), refusal, (InetSocketAddress) ctx.channel().remoteAddress(), clock.instant());
        boolean counted = !in.isControl();
        if (counted) {
            traffic.arrived(in.received());
        }
        return new Pending(in, request.protocolVersion(), HttpMethod.HEAD.equals(request.method()), close, counted);
    }

    private void next(ChannelHandlerContext ctx) {
        if (busy || waiting.isEmpty()) {
            return;
        }
        busy = true;
        Pending pending = waiting.removeFirst();
        try {
            workers.execute(() -> {
                Answer answer = answer(pending.request());
                try {
                    ctx.executor().execute(() -> finish(ctx, pending, answer));
                } catch (RejectedExecutionException stopped) {
                    // The emulator is closing: its connections go with it.
                }
            });
        } catch (RejectedExecutionException stopped) {
            finish(ctx, pending, Answer.DROP);
        }
    }

    private Answer answer(IncomingRequest request) {
        try {
            return responder.answer(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.DROP;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "The emulator failed on " + request.method() + " " + request.rawPath(), e);
            return Answer.error(500, "The emulator failed on this request: " + e);
        }
    }

    private void finish(ChannelHandlerContext ctx, Pending pending, Answer answer) {
        if (pending.counted()) {
            traffic.answered();
        }
        if (answer.isDrop()) {
            // Closing before any byte of an answer: the client sees the connection end without one.
            ctx.close();
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(pending.version(), HttpResponseStatus.valueOf(answer.status()),
                pending.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType() + "; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        answer.headers().forEach(response.headers()::set);
        if (pending.close()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (HttpVersion.HTTP_1_0.equals(pending.version())) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.writeAndFlush(response);
        answeredOnce = true;
        busy = false;
        next(ctx);
    }
}
