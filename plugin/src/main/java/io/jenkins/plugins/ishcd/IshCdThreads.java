package io.jenkins.plugins.ishcd;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool on which every run's {@link io.jenkins.plugins.ishcd.client.RunLife} handles its events,
 * one at a time per run: the short blocking work around a run (credential lookup, as a credentials
 * provider may call a vault; saving the build; writing the kept log; console lines). Never used to
 * wait: waiting happens on the client's scheduler, which holds no thread between polls. Bounded; idle
 * threads end after a minute.
 */
final class IshCdThreads {

    /** At most this many threads: a controller resuming many builds queues their lookups instead of a thread each. */
    static final int THREADS = 4;

    private static final ExecutorService BACKGROUND = newPool();

    private static ExecutorService newPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new NamingThreadFactory(
                        new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "IshCd background"));
        pool.allowCoreThreadTimeOut(true); // idle costs nothing
        return pool;
    }

    private IshCdThreads() {}

    static ExecutorService background() {
        return BACKGROUND;
    }
}
