package io.jenkins.plugins.ishcd;

import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for the short blocking work around a run: credential lookup (a credentials provider may
 * call a vault), saving the build, writing the kept log. Never used to wait: waiting happens on the
 * client's scheduler, which holds no thread between polls. The pool is cached, so idle costs nothing.
 */
final class IshCdThreads {

    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(
            new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()), "IshCd background"));

    private IshCdThreads() {}

    static ExecutorService background() {
        return BACKGROUND;
    }
}
