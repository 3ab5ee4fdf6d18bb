package nl.hvht.ketenpoort.ontvanger;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiver's tool: {@code java -jar ketenpoort-ontvanger.jar <command> ...}; {@code help} lists the commands. Exit
 * status per {@link ExitCode}; one line on stderr says what happened.
 */
public final class Main {

    private static final Map<String, Command> COMMANDS = commands();

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** {@link #main} without {@code System.exit}: the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        // The shared signing classes log through SLF4J; the tool has no logging backend and reports on stderr itself.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Terminal terminal = new Terminal(in, out, err);
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            err.println(usage());
            return args.length == 0 ? ExitCode.USAGE.status() : ExitCode.OK.status();
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("unknown command " + args[0] + "\n\n" + usage());
            return ExitCode.USAGE.status();
        }
        try {
            command.run(Arrays.asList(args).subList(1, args.length), terminal);
            return ExitCode.OK.status();
        } catch (ToolException e) {
            terminal.status(args[0] + ": " + e.getMessage());
            if (e.exitCode() == ExitCode.USAGE) {
                terminal.status(command.usage());
            }
            return e.exitCode().status();
        } catch (RuntimeException e) {
            // no message: it could quote input
            terminal.status(args[0] + ": internal error (" + e.getClass().getName() + ")");
            return ExitCode.INTERNAL.status();
        }
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("verify", new VerifyCommand());
        commands.put("decrypt", new DecryptCommand());
        commands.put("ontvangst", new OntvangstCommand());
        commands.put("postbus", new PostbusCommand());
        return commands;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Ketenpoort receiver's tool: open what the gateway delivers, sign receipts, use the mailbox.
                usage: java -jar ketenpoort-ontvanger.jar <command> [options]   (-  as a file name is stdin)

                """);
        COMMANDS.values().forEach(command -> text.append(command.usage()).append("\n\n"));
        text.append("exit status:");
        for (ExitCode code : ExitCode.values()) {
            text.append(' ').append(code.status()).append('=').append(code.name());
        }
        return text.toString();
    }
}
