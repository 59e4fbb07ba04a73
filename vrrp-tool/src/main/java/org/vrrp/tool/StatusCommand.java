package org.vrrp.tool;

import java.io.PrintStream;
import java.util.List;

/** {@code vrrp status [--json] [--socket PATH]}: every instance's state and counters from a running router. */
final class StatusCommand implements Command {

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
        return "usage: vrrp status [--json] [--socket PATH]\n"
                + "\n"
                + "Asks a running router (`vrrp run`, or an application with a control socket) for every\n"
                + "instance's state, time in state, last transition and its reason, configured and effective\n"
                + "priority with each health check's part, master address, priority and interval, and the\n"
                + "counters of the VRRP MIB. Anyone who can open the socket may ask.\n"
                + "\n"
                + "  --json          JSON Lines: one object for the router, then one per instance\n"
                + ControlCall.SOCKET_USAGE
                + "\n"
                + ControlCall.EXIT_USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        ControlCall call = ControlCall.parse(args, true, List.of());
        return call.send(name(), call.json() ? "status json" : "status", out, err);
    }
}
