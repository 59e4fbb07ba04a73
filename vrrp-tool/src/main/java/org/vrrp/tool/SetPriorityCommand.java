package org.vrrp.tool;

import java.io.PrintStream;
import java.util.List;

/** {@code vrrp set-priority INSTANCE N [--socket PATH]}: changes an instance's configured priority. */
final class SetPriorityCommand implements Command {

    @Override
    public String name() {
        return "set-priority";
    }

    @Override
    public String summary() {
        return "change an instance's priority in a running router (planned handover)";
    }

    @Override
    public String usage() {
        return "usage: vrrp set-priority INSTANCE N [--socket PATH]\n"
                + "\n"
                + "Sets INSTANCE's configured priority to N (1..255); health-check weights still apply on top.\n"
                + "Below the backup's priority, a master hands over (the backup takes over after its\n"
                + "Master_Down_Interval if it preempts). Needs root or the router's own user.\n"
                + "\n"
                + ControlCall.SOCKET_USAGE
                + "\n"
                + ControlCall.EXIT_USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        ControlCall call = ControlCall.parse(args, false, List.of("INSTANCE", "N"));
        return call.send(name(), "set-priority " + call.positional().get(0) + " " + call.positional().get(1), out, err);
    }
}
