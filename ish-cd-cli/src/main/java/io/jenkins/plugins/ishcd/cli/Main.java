package io.jenkins.plugins.ishcd.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The entry point of {@code ish-cd.jar}: the one place that touches the standard streams, the
 * process environment and {@code System.exit}.
 *
 * <p>The launcher script {@code ish-cd} passes two system properties: {@value #COMMAND} (how the
 * user called it, {@code $0}) and {@value #ERR_IS_TERMINAL} ({@code true} when standard error is a
 * terminal, which Java cannot tell by itself).
 */
public final class Main {
    /** System property: how the user runs the tool, for the commands it suggests. */
    static final String COMMAND = "ish-cd.command";
    /** System property: whether standard error is a terminal. */
    static final String ERR_IS_TERMINAL = "ish-cd.stderr.terminal";

    private Main() {}

    /**
     * @param args the command line, e.g. {@code run --project my-corp --job deploy}
     */
    public static void main(String[] args) {
        // Standard output straight on its file descriptor: System.out would swallow a write error (a full
        // disk), and the log would be lost with exit code 0.
        PrintWriter out = writer(new FileOutputStream(FileDescriptor.out), "stdout.encoding");
        PrintWriter err = writer(System.err, "stderr.encoding");
        Terminal terminal = new Terminal(System.getenv(), out, err, errIsTerminal(),
                command(System.getProperty(COMMAND), System.getProperty("sun.java.command", "")));
        // Ctrl+C while waiting: Ish CD has no cancel, so say which run goes on.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String notice = terminal.interruptNotice();
            if (notice != null) {
                err.println();
                err.println("ish-cd: " + notice);
                err.flush();
            }
        }, "ish-cd interrupt notice"));
        int code;
        try {
            code = IshCd.execute(terminal, args);
        } catch (Throwable t) { // an Error (out of memory, a broken jar) must not pass for "the run ended in error"
            err.println("ish-cd: the tool failed unexpectedly: " + t + ".");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                t.printStackTrace(err);
            }
            code = ExitCode.FAILURE;
        }
        out.flush();
        err.flush();
        stopHttpSelectors();
        System.exit(code);
    }

    /**
     * HotSpot waits up to 300 ms at exit while any other thread is in native code
     * ({@code VM_Exit::wait_for_threads_in_native_to_block}), and the selector thread of the JDK's HTTP
     * client sits in {@code epoll_wait} until its client is garbage collected. Interrupted, that thread
     * ends (its loop stops on the interrupt): a third of a second off every command. Matched by the name
     * the JDK gives it; should the name change, the exit is just slower.
     */
    static void stopHttpSelectors() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t.isDaemon() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
                t.interrupt();
                try {
                    t.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean errIsTerminal() {
        String told = System.getProperty(ERR_IS_TERMINAL);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        // Run with java -jar: Java knows only whether stdin and stdout are terminals, a fair guess.
        String term = System.getenv("TERM");
        return System.console() != null && !"dumb".equals(term);
    }

    /**
     * @param told what the launcher passed as {@value #COMMAND}, or null
     * @param javaCommand the JVM's {@code sun.java.command}: {@code path/to/ish-cd.jar run ...} after
     *     {@code java -jar}, as typed
     * @return how the user runs the tool: {@code ish-cd-cli/ish-cd}, or {@code java -jar path/to/ish-cd.jar}
     */
    static String command(String told, String javaCommand) {
        if (told != null && !told.isBlank()) {
            return told;
        }
        String jar = javaCommand.split(" ", 2)[0];
        return "java -jar " + (jar.endsWith(".jar") ? jar : "ish-cd.jar");
    }

    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        // The console's encoding where the JDK knows it (stdout.encoding from Java 19), else the default.
        String name = System.getProperty(encodingProperty, System.getProperty("sun." + encodingProperty));
        Charset charset = Charset.defaultCharset();
        if (name != null) {
            try {
                charset = Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // keep the default: a wrong property must not stop the tool
            }
        }
        return new PrintWriter(new OutputStreamWriter(stream, charset), false);
    }
}
