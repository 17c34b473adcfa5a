package io.jenkins.plugins.ishcd.cli;

import io.jenkins.plugins.ishcd.client.IshCdClientBuilder;
import io.jenkins.plugins.ishcd.client.IshCdExecutors;
import java.net.http.HttpClient;
import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The HTTP client for a plain {@code http://} API URL, which the client allows for loopback hosts
 * only (the emulator). The JDK's client builds the default TLS context when it is created, whether
 * or not it will ever use it: the trust store and the security providers, a third of a second of a
 * command that takes a second. Here it gets a TLS context that refuses every use instead, since
 * nothing is encrypted on such a URL.
 */
final class PlainHttp {
    private PlainHttp() {}

    /**
     * @param builder a client builder for a plain {@code http://} URL
     * @return the builder, with an HTTP client like the shared one (no redirects) but HTTP/1.1 and
     *     without TLS
     */
    static IshCdClientBuilder configure(IshCdClientBuilder builder) {
        HttpClient http = IshCdExecutors.newHttpClientBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on a plain connection
                .sslContext(new NoTls())
                .sslParameters(new SSLParameters())
                .build();
        return builder.httpClient(http);
    }

    /** A TLS context for URLs that never use TLS: any use is a bug, and says so. */
    private static final class NoTls extends SSLContext {
        NoTls() {
            super(new Spi(), new Provider("ish-cd-no-tls", "1", "TLS is not used for plain http:// URLs") {
                private static final long serialVersionUID = 1L;
            }, "TLS");
        }
    }

    private static final class Spi extends SSLContextSpi {
        private static UnsupportedOperationException refusedOnPlainHttp() {
            return new UnsupportedOperationException("TLS is not used for plain http:// URLs");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refusedOnPlainHttp();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refusedOnPlainHttp();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refusedOnPlainHttp();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refusedOnPlainHttp();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refusedOnPlainHttp();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refusedOnPlainHttp();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refusedOnPlainHttp();
        }
    }
}
