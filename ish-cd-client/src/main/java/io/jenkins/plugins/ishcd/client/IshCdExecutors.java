package io.jenkins.plugins.ishcd.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's threads, shared by every {@link IshCdClient} of the JVM: a fixed, small set whatever
 * the number of waits. {@code ish-cd-scheduler} runs {@link RequestScheduler}; {@code ish-cd-events}
 * runs listener calls and completions; {@code ish-cd-http-1..2} are the shared {@link HttpClient}'s
 * executor, next to the JDK's one selector thread. Where {@link HttpClient#sendAsync} would start a
 * thread per answer, requests are sent blocking on virtual threads (JDK 21+) or on
 * {@code ish-cd-send-1..3}. Every thread is a daemon with this library's class loader as its
 * context class loader.
 */
public final class IshCdExecutors {
    /** Threads of the shared HTTP client's executor. */
    public static final int HTTP_THREADS = 2;
    /** Threads of blocking sends where the JDK has no virtual threads. */
    public static final int SEND_THREADS = 3;

    private static final Logger LOGGER = Logger.getLogger(IshCdExecutors.class.getName());

    private IshCdExecutors() {}

    private static final class Holder {
        static final RequestScheduler SCHEDULER = newScheduler("ish-cd");
        static final Executor SENDS = newBlockingSends();
    }

    /** Apart, so that a client given its own {@link HttpClient} (the CLI, Jenkins) never builds this one and its TLS. */
    private static final class Http {
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(HTTP_THREADS, factory("ish-cd-http-"));
        static final HttpClient CLIENT = newHttpClientBuilder().executor(EXECUTOR).build();

        static {
            httpBuilt = true;
        }
    }

    /** @return the JVM's scheduler of every wait and trigger */
    @NonNull
    public static RequestScheduler scheduler() {
        return Holder.SCHEDULER;
    }

    /** @return the shared HTTP client: HTTP/1.1 and 2, 10 s connect timeout, redirects not followed */
    @NonNull
    public static HttpClient httpClient() {
        return Http.CLIENT;
    }

    /**
     * @return the executor of blocking sends, or null when {@link HttpClient#sendAsync} needs no
     *     thread per answer (its hand-off executor, {@link CompletableFuture#defaultExecutor()}, is a
     *     {@link ForkJoinPool}: JDK 25, or a common pool of two or more threads)
     */
    @CheckForNull
    public static Executor blockingSends() {
        return Holder.SENDS;
    }

    /**
     * A scheduler with threads of its own, for callers that must not share the JVM's (tests, or an
     * application that stops it with {@link RequestScheduler#shutdown()}).
     *
     * @param name the prefix of its two threads' names
     * @return a new scheduler
     */
    @NonNull
    public static RequestScheduler newScheduler(@NonNull String name) {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, factory(name + "-scheduler-"));
        thread.setRemoveOnCancelPolicy(true); // cancelled timers must not pile up in the queue
        ExecutorService events = Executors.newSingleThreadExecutor(factory(name + "-events-"));
        return new RequestScheduler(thread, events, System::nanoTime);
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

    /**
     * Stops the shared threads (a Jenkins terminator calls this): waits still under way fail with
     * "the Ish CD client's threads were shut down". Not undone; for the end of the JVM or plugin.
     */
    public static void shutdown() {
        Holder.SCHEDULER.shutdown();
        if (Holder.SENDS instanceof ExecutorService) {
            ((ExecutorService) Holder.SENDS).shutdownNow();
        }
        if (httpBuilt) {
            Http.EXECUTOR.shutdownNow();
        }
    }

    /** Whether {@link Http} was initialised, so that {@link #shutdown()} does not build it to stop it. */
    private static volatile boolean httpBuilt;

    private static Executor newBlockingSends() {
        if (new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool) {
            return null;
        }
        try {
            // JDK 21+: a parked virtual thread holds no platform thread. Looked up so the library runs on 17.
            return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Executors.newFixedThreadPool(SEND_THREADS, factory("ish-cd-send-"));
        }
    }

    static ThreadFactory factory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader loader = IshCdExecutors.class.getClassLoader();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader); // not the caller's: in Jenkins that may be another plugin's
            t.setUncaughtExceptionHandler((thread, e) -> LOGGER.log(Level.WARNING, "Uncaught in " + thread.getName(), e));
            return t;
        };
    }
}
