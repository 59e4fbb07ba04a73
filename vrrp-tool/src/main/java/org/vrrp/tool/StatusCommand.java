package org.vrrp.tool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code vrrp status [--json] [--socket PATH]}: every instance's state and counters from a running router. */
final class StatusCommand implements Command {
    /** Where the default sockets are; a parameter for tests. */
    private final Path socketDirectory;

    StatusCommand() {
        this(SocketPaths.DIRECTORY);
    }

    StatusCommand(Path socketDirectory) {
        this.socketDirectory = socketDirectory;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "show a running router's instances: state, why, priority, master, counters";
    }

    @Override
    public String usage() {
        return "usage: vrrp status [--json] [--socket PATH | -n NAME]\n"
                + "\n"
                + "Asks a running router (`vrrp run`, or an application with a control socket) for every\n"
                + "instance's state, time in state, last transition and its reason, configured and effective\n"
                + "priority with each health check's part, master address, priority and interval, and the\n"
                + "counters of the VRRP MIB. Anyone who can open the socket may ask.\n"
                + "\n"
                + "With neither --socket nor -n, every router on the host is shown: each default socket in\n"
                + SocketPaths.DIRECTORY + " (vrrp.sock, vrrp_NAME.sock); with more than one, each under a line\n"
                + "  == NAME (SOCKET)\n"
                + "(in --json, an object {\"router\":NAME,\"socket\":SOCKET} instead).\n"
                + "\n"
                + "  --json          JSON Lines: one object for the router, then one per instance\n"
                + ControlCall.SOCKET_USAGE
                + "\n"
                + ControlCall.EXIT_USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        ControlCall call = ControlCall.parse(args, true, List.of());
        String request = call.json() ? "status json" : "status";
        if (call.socketGiven()) {
            return call.send(name(), request, out, err);
        }
        List<Path> sockets = SocketPaths.all(socketDirectory);
        if (sockets.size() <= 1) {
            // One router (or none, to say so): its answer alone, as with --socket.
            Path only = sockets.isEmpty() ? socketDirectory.resolve(call.socket().getFileName()) : sockets.get(0);
            return ControlCall.send(only, name(), request, out, err);
        }
        int exit = EXIT_OK;
        for (Path socket : sockets) {
            String router = SocketPaths.nameOf(socket);
            if (call.json()) {
                out.println("{\"router\":\"" + router.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"socket\":\""
                        + socket.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            } else {
                out.println("== " + (router.isEmpty() ? "(default)" : router) + " (" + socket + ")");
            }
            if (ControlCall.send(socket, name(), request, out, err) != EXIT_OK) {
                exit = EXIT_FAILURE;
            }
        }
        return exit;
    }
}
