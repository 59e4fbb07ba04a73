package org.vrrp.tool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vrrp.control.ControlProtocol;

/**
 * What the control commands share: their {@code --socket PATH} option, their positional arguments, and
 * turning the router's answer into output and an exit code.
 *
 * @param socket     the control socket
 * @param json       whether {@code --json} was given (only where the command allows it)
 * @param positional the other arguments, in order
 */
record ControlCall(Path socket, boolean json, List<String> positional, boolean socketGiven) {

    /** Usage text of the shared options. */
    static final String SOCKET_USAGE = "  --socket PATH   the router's control socket (default "
            + ControlProtocol.DEFAULT_SOCKET_PATH + ")\n"
            + "  -n NAME         the router run for net_namespace (or instance) NAME: "
            + SocketPaths.forName("NAME") + "\n";

    /** Exit-status paragraph of every control command. */
    static final String EXIT_USAGE = "Exit status: 0 when the router answered, 1 when it refused or no router\n"
            + "listens on the socket, 2 for bad arguments.\n";

    static ControlCall parse(List<String> args, boolean jsonAllowed, List<String> positionalNames)
            throws UsageException {
        Path socket = ControlProtocol.DEFAULT_SOCKET_PATH;
        boolean socketGiven = false;
        boolean json = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--socket")) {
                if (i + 1 == args.size()) {
                    throw new UsageException("--socket needs a PATH");
                }
                socket = Path.of(args.get(++i));
                socketGiven = true;
            } else if (arg.equals("-n") || arg.equals("--name")) {
                if (i + 1 == args.size()) {
                    throw new UsageException("-n needs a NAME");
                }
                String name = args.get(++i);
                if (name.isEmpty() || name.contains("/")) {
                    throw new UsageException("-n NAME must be a namespace or instance name, got '" + name + "'");
                }
                socket = SocketPaths.forName(name);
                socketGiven = true;
            } else if (arg.equals("--json") && jsonAllowed) {
                json = true;
            } else if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                throw new UsageException("unknown option '" + arg + "'");
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() < positionalNames.size()) {
            throw new UsageException("missing " + positionalNames.get(positional.size()));
        }
        if (positional.size() > positionalNames.size()) {
            throw new UsageException("unexpected argument '" + positional.get(positionalNames.size()) + "'");
        }
        return new ControlCall(socket, json, List.copyOf(positional), socketGiven);
    }

    private static boolean isNumber(String arg) {
        return arg.matches("-\\d+");
    }

    /** Sends {@code request}; prints the answer on {@code out}, or a refusal as one line on {@code err}. */
    int send(String commandName, String request, PrintStream out, PrintStream err) {
        return send(socket, commandName, request, out, err);
    }

    /** {@link #send(String, String, PrintStream, PrintStream)} to {@code socket}. */
    static int send(Path socket, String commandName, String request, PrintStream out, PrintStream err) {
        String answer;
        try {
            answer = ControlClient.exchange(socket, request);
        } catch (ControlClient.NoAnswer e) {
            err.println("vrrp " + commandName + ": " + e.getMessage());
            return Command.EXIT_FAILURE;
        }
        if (answer.startsWith(ControlProtocol.ERROR_PREFIX)) {
            err.println("vrrp " + commandName + ": " + answer.substring(ControlProtocol.ERROR_PREFIX.length()).strip());
            return Command.EXIT_FAILURE;
        }
        out.print(answer);
        return Command.EXIT_OK;
    }
}
