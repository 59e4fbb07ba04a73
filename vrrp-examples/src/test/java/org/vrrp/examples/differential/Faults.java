package org.vrrp.examples.differential;

import java.util.Map;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.TestNetwork;

/** Applies a {@link Fault} to a running topology, the same way whichever implementation is in the role. */
final class Faults {
    private static final String TABLE = "inet vrrpdiff";

    private final TestNetwork net;
    private final Map<String, Host> hosts;
    private final Map<String, RouterProcess> routers;
    private final Map<String, NotifyLog> notify;

    Faults(TestNetwork net, Map<String, Host> hosts, Map<String, RouterProcess> routers, Map<String, NotifyLog> notify) {
        this.net = net;
        this.hosts = hosts;
        this.routers = routers;
        this.notify = notify;
    }

    /** Applies {@code f}; {@code conf} is its filled-in reload conf, if it has one. */
    void apply(Fault f, String conf) {
        Host host = hosts.get(f.router());
        RouterProcess router = routers.get(f.router());
        switch (f.kind()) {
            case LINK_DOWN -> net.setCarrier(host, f.segment(), false);
            case LINK_UP -> net.setCarrier(host, f.segment(), true);
            case TERM, KILL, STOP, CONT -> router.signal(f.kind().name());
            case DROP_IN -> drop(host, "input", f.segment() < 0 ? "" : "iifname eth" + f.segment() + " ");
            case DROP_OUT -> drop(host, "output", f.segment() < 0 ? "" : "oifname eth" + f.segment() + " ");
            case HEAL -> host.exec("nft", "delete table " + TABLE);
            case RELOAD -> {
                router.rewrite(conf);
                router.signal("HUP");
            }
            case CHECK_FAIL -> notify.get(f.router()).setHealthy(false);
            case CHECK_PASS -> notify.get(f.router()).setHealthy(true);
            default -> throw new IllegalArgumentException("no such fault " + f);
        }
    }

    /** nftables in the router's namespace: drop VRRP (IP protocol 112) on the {@code hook} path. */
    private static void drop(Host host, String hook, String match) {
        host.exec("nft", "add table " + TABLE + "; add chain " + TABLE + " " + hook + " { type filter hook " + hook
                + " priority 0 ; }; add rule " + TABLE + " " + hook + " " + match + "ip protocol 112 drop");
    }
}
