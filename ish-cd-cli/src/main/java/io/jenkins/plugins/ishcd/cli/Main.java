package io.jenkins.plugins.ishcd.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The entry point of {@code ish-cd.jar}: the one place that touches {@code System.out},
 * {@code System.err}, the process environment and {@code System.exit}.
 */
public final class Main {
    private Main() {}

    /**
     * @param args the command line, e.g. {@code run --project my-corp --job deploy}
     */
    public static void main(String[] args) {
        PrintWriter out = writer(System.out, "stdout.encoding");
        PrintWriter err = writer(System.err, "stderr.encoding");
        Terminal terminal = new Terminal(System.getenv(), out, err);
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
        System.exit(code);
    }

    private static PrintWriter writer(PrintStream stream, String encodingProperty) {
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
