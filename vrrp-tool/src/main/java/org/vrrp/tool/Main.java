package org.vrrp.tool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the {@code vrrp} tool: maps the first argument to a {@link Command}.
 *
 * <p>{@code vrrp --help} lists the commands, {@code vrrp CMD --help} prints one command's usage. An
 * unknown command or bad arguments print one line on stderr and exit with 2.
 */
public final class Main {
    private Main() {}

    /** Every command, in the order {@code --help} lists them. Add a command here. */
    static final List<Command> COMMANDS = List.of(
            new DecodeCommand(),
            new RunCommand(),
            new CheckCommand(),
            new WatchCommand(),
            new StatusCommand(),
            new SetPriorityCommand(),
            new ResignCommand());

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs the tool as {@code main} would and returns the exit code instead of exiting; for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("vrrp: missing command (try 'vrrp --help')");
            return Command.EXIT_USAGE;
        }
        if (isHelp(args[0])) {
            out.print(overview());
            return Command.EXIT_OK;
        }
        Optional<Command> found = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (found.isEmpty()) {
            err.println("vrrp: unknown command '" + args[0] + "' (try 'vrrp --help')");
            return Command.EXIT_USAGE;
        }
        Command command = found.get();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().anyMatch(Main::isHelp)) {
            out.print(command.usage());
            return Command.EXIT_OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("vrrp " + command.name() + ": " + e.getMessage() + " (try 'vrrp " + command.name()
                    + " --help')");
            return Command.EXIT_USAGE;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static String overview() {
        StringBuilder text = new StringBuilder("usage: vrrp <command> [options]\n\ncommands:\n");
        int width = COMMANDS.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command command : COMMANDS) {
            text.append("  ").append(command.name()).append(" ".repeat(width - command.name().length() + 2))
                    .append(command.summary()).append('\n');
        }
        return text.append("\n'vrrp <command> --help' describes a command.\n").toString();
    }
}
