package io.jenkins.plugins.ishcd.emulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The emulator's HTTP/1.1 server, on Netty: one event-loop thread ({@code ish-cd-emulator-io-...}) accepts
 * connections and reads and writes them; each connection's {@link ConnectionHandler} hands requests to the
 * request threads ({@code ish-cd-emulator-N}, a fixed number, idle ones ended after 30 s). Optionally TLS, and
 * optionally a keep-alive timeout per connection.
 */
final class EmulatorServer implements AutoCloseable {

    /** The longest request line and header block read; an Ish CD request has a few hundred bytes. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final Channel channel;

    /**
     * @param tls a server TLS context, or {@code null} for plain HTTP
     * @param idleTimeout close a connection idle this long with no request pending, or {@code null} for never
     * @param threads how many request threads
     * @param connections makes the handler of each new connection, given the request threads
     * @throws IOException when the address cannot be bound, e.g. {@link java.net.BindException}
     */
    EmulatorServer(InetSocketAddress address, SSLContext tls, Duration idleTimeout, int threads,
            Function<Executor, ChannelHandler> connections) throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "ish-cd-emulator-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.allowCoreThreadTimeOut(true);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ish-cd-emulator-io", true), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                // A large backlog, so that a burst of a thousand clients connecting at once is not refused.
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            SSLEngine engine = tls.createSSLEngine();
                            engine.setUseClientMode(false);
                            pipeline.addLast(new SslHandler(engine));
                        }
                        if (idleTimeout != null) {
                            pipeline.addLast(new IdleStateHandler(0, 0, idleTimeout.toNanos(), TimeUnit.NANOSECONDS));
                        }
                        pipeline.addLast(new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(MAX_HEAD_BYTES).setMaxHeaderSize(MAX_HEAD_BYTES)));
                        pipeline.addLast(new BodyLimit(ApiHandler.MAX_BODY_BYTES));
                        pipeline.addLast(connections.apply(workers));
                    }
                });
        try {
            this.channel = bootstrap.bind(address).sync().channel();
        } catch (Exception e) { // Netty rethrows the bind failure itself (a BindException), unchecked
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownNow();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IOException ? (IOException) e : new IOException(e);
        }
    }

    /** @return the address the server listens on */
    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening and closes every connection at once; requests in progress are cut off. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownNow();
    }
}
