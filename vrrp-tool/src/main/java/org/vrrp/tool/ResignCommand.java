package org.vrrp.tool;

import java.io.PrintStream;
import java.util.List;

/** {@code vrrp resign INSTANCE [--socket PATH]}: a master steps down at once for maintenance. */
final class ResignCommand implements Command {

    @Override
    public String name() {
        return "resign";
    }

    @Override
    public String summary() {
        return "make an instance of a running router step down (maintenance)";
    }

    @Override
    public String usage() {
        return "usage: vrrp resign INSTANCE [--socket PATH]\n"
                + "\n"
                + "If INSTANCE is MASTER it sends priority 0, so a backup takes over after its skew time, and\n"
                + "becomes BACKUP. Its priority drops to 1 so that it does not preempt back; `vrrp set-priority`\n"
                + "restores it. Needs root or the router's own user.\n"
                + "\n"
                + ControlCall.SOCKET_USAGE
                + "\n"
                + ControlCall.EXIT_USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        ControlCall call = ControlCall.parse(args, false, List.of("INSTANCE"));
        return call.send(name(), "resign " + call.positional().get(0), out, err);
    }
}
