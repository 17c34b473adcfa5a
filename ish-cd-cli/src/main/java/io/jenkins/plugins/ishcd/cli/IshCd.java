package io.jenkins.plugins.ishcd.cli;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.ishcd.client.IshCdClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ish-cd}: the Ish CD engine on the command line. Builds the picocli command tree around a
 * {@link Terminal}, and turns every usage error into one line on standard error and exit code 2.
 *
 * <pre>{@code
 * int exit = IshCd.execute(new Terminal(env, out, err), "run", "--project", "my-corp", "--job", "deploy");
 * }</pre>
 */
@Command(name = "ish-cd", mixinStandardHelpOptions = true, versionProvider = IshCd.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Trigger Ish CD job runs and wait for them, from any shell.",
            "The API token comes from $" + ConnectionOptions.TOKEN_VARIABLE + " or --token-file FILE."})
public final class IshCd implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private IshCd() {}

    /** A bare {@code ish-cd} is a usage error: it says which commands there are. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use run, get or demo.");
    }

    /**
     * Runs one command line.
     *
     * @param terminal environment variables and streams
     * @param args the arguments, e.g. {@code run --project my-corp --job deploy}
     * @return the exit code; see {@link ExitCode}
     */
    public static int execute(@NonNull Terminal terminal, @NonNull String... args) {
        return commandLine(terminal).execute(args);
    }

    /**
     * @param terminal environment variables and streams
     * @return the command tree, with its output and error handling bound to {@code terminal}
     */
    @NonNull
    public static CommandLine commandLine(@NonNull Terminal terminal) {
        CommandLine cmd = new CommandLine(new IshCd())
                .addSubcommand(new RunCommand(terminal))
                .addSubcommand(new GetCommand(terminal))
                .addSubcommand(new DemoCommand(terminal));
        cmd.setOut(terminal.out());
        cmd.setErr(terminal.err());
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cmd.setParameterExceptionHandler((e, args) -> usageError(terminal, e));
        cmd.setExecutionExceptionHandler((e, command, parsed) ->
                new Reporter(terminal, debug(parsed)).fail(e, null));
        return cmd;
    }

    private static int usageError(Terminal terminal, CommandLine.ParameterException e) {
        String message;
        if (e instanceof CommandLine.UnmatchedArgumentException && namesTokenOption(
                ((CommandLine.UnmatchedArgumentException) e).getUnmatched())) {
            // Picocli would quote the unmatched arguments, which here include the token itself.
            message = "There is no --token option, so that the token never shows in process lists: set "
                    + ConnectionOptions.TOKEN_VARIABLE + " or give --token-file FILE.";
        } else if (e instanceof CommandLine.UnmatchedArgumentException) {
            // Quote what looks like a mistyped word or option; hide anything long, which may be a pasted token.
            List<String> shown = new ArrayList<>();
            for (String arg : ((CommandLine.UnmatchedArgumentException) e).getUnmatched()) {
                shown.add(arg.length() <= 40 && !arg.contains("=") ? "'" + arg + "'"
                        : "a value (not shown, in case it is a secret)");
            }
            message = "Unknown argument: " + String.join(", ", shown) + ". See '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.";
        } else {
            String text = e.getMessage().strip();
            message = text + (text.endsWith(".") ? "" : ".") + " See '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.";
        }
        terminal.say("ish-cd: " + message);
        return ExitCode.USAGE;
    }

    private static boolean namesTokenOption(List<String> unmatched) {
        return unmatched.stream().anyMatch(a -> a.equals("--token") || a.startsWith("--token="));
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Reports the version of the client library, which is the version of the whole reactor. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ish-cd " + IshCdClient.VERSION};
        }
    }
}
