package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the client uses when none are given: one small scheduler of daemon threads and one
 * {@link HttpClient} on it, shared by every {@link IshCdClient} of the JVM. So waiting on N runs
 * costs O(1) threads, not N: a wait holds no thread between polls, and the JDK client
 * multiplexes all connections on one selector thread.
 */
public final class IshCdExecutors {
    /** Threads of the shared scheduler. All work on them is short and non-blocking. */
    public static final int THREADS = 2;

    private IshCdExecutors() {}

    private static final class Holder {
        static final ScheduledExecutorService SCHEDULER = newScheduler();
        static final HttpClient HTTP_CLIENT = newHttpClientBuilder().executor(SCHEDULER).build();
    }

    /** @return the shared scheduler: {@value #THREADS} daemon threads named {@code ish-cd-client-N} */
    @NonNull
    public static ScheduledExecutorService scheduler() {
        return Holder.SCHEDULER;
    }

    /** @return the shared HTTP client: HTTP/1.1 and 2, 10 s connect timeout, redirects not followed */
    @NonNull
    public static HttpClient httpClient() {
        return Holder.HTTP_CLIENT;
    }

    /**
     * The settings this client expects of an {@link HttpClient}; callers that build their own (for
     * example with a proxy) start from here or set the same.
     *
     * @return a builder with a 10 s connect timeout and redirects not followed
     */
    @NonNull
    public static HttpClient.Builder newHttpClientBuilder() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                // A redirect would resend the token elsewhere; Ish CD does not redirect.
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "ish-cd-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, factory);
        executor.setRemoveOnCancelPolicy(true); // cancelled waits must not pile up in the queue
        return executor;
    }
}
