package org.vrrp.examples.campaign;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Poll;

/**
 * Does and undoes each {@link TimedFault.Kind} on a running {@link Lan}, from the fault thread only.
 * Firewall faults get an nftables table of their own ({@code cfN}), so overlapping faults on one router
 * are undone independently. A fault that cannot apply (its router is down, or stopped for a control
 * call) is reported as skipped and its undo is not done.
 */
final class FaultActions {
    private static final Duration CONTROL_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final Lan lan;
    private final Tally tally;

    FaultActions(Lan lan, Tally tally) {
        this.lan = lan;
        this.tally = tally;
    }

    /** Applies {@code f}; returns the nftables table it made (or "" for none), or null if it was skipped. */
    String apply(TimedFault f) throws InterruptedException {
        RouterSlot r = lan.slot(f.router());
        String table = "cf" + TABLES.incrementAndGet();
        String port = lan.bridgePort(r);
        switch (f.kind()) {
            case LINK_DOWN -> lan.net.setCarrier(r.host, 0, false);
            case ONE_WAY_OUT -> Command.run("ip", "netns", "exec", lan.net.switchNamespace(), "nft",
                    dropAll(table, port));
            case ONE_WAY_IN -> r.host.exec("nft", dropAll(table, "eth0"));
            case DROP_VRRP_IN -> r.host.exec("nft", vrrpRule(table, "input", "drop"));
            case DROP_VRRP_OUT -> r.host.exec("nft", vrrpRule(table, "output", "drop"));
            case LOSS -> {
                String verdict = "numgen random mod 100 < " + f.value() + " drop";
                r.host.exec("nft", vrrpRule(table, "input", verdict) + "; " + vrrpRule(table, "output", verdict));
            }
            case KILL, TERM, STOP -> {
                if (!r.expectedAlive || !r.process.isAlive()) {
                    return null;
                }
                if (f.kind() == TimedFault.Kind.STOP) {
                    r.process.signal("STOP");
                } else {
                    r.expectedAlive = false;
                    r.process.signal(f.kind().name());
                    if (f.kind() == TimedFault.Kind.TERM) {
                        checkTermLeavesNoVip(r);
                    }
                }
            }
            case SET_PRIORITY -> {
                return control(r, "set-priority VI_1 " + f.value()) ? "" : null;
            }
            case RESIGN -> {
                return control(r, "resign VI_" + f.value()) ? "" : null;
            }
            case RELOAD_PRIORITY -> r.rewriteAndReload(r.current.withPriority1(f.value()));
            case RELOAD_VIPS -> r.rewriteAndReload(r.current.withChangedVips(f.value()));
            case CHECK_FAIL -> r.setHealthy(false);
            case GC_PRESSURE -> r.setGcPressure(true);
            default -> throw new IllegalArgumentException("no such fault " + f);
        }
        return f.kind().family() == TimedFault.Family.FIREWALL || f.kind() == TimedFault.Kind.ONE_WAY_IN
                || f.kind() == TimedFault.Kind.ONE_WAY_OUT ? table : "";
    }

    /** Undoes {@code f}, which {@link #apply} applied with {@code table}. */
    void undo(TimedFault f, String table) throws InterruptedException {
        RouterSlot r = lan.slot(f.router());
        switch (f.kind()) {
            case LINK_DOWN -> lan.net.setCarrier(r.host, 0, true);
            case ONE_WAY_OUT -> Command.run("ip", "netns", "exec", lan.net.switchNamespace(), "nft",
                    "delete table netdev " + table);
            case ONE_WAY_IN -> r.host.exec("nft", "delete table netdev " + table);
            case DROP_VRRP_IN, DROP_VRRP_OUT, LOSS -> r.host.exec("nft", "delete table inet " + table);
            case KILL, TERM -> restart(r);
            case STOP -> r.process.signal("CONT");
            case SET_PRIORITY -> restorePriority(r, 1);
            case RESIGN -> restorePriority(r, f.value());
            case RELOAD_PRIORITY, RELOAD_VIPS -> r.rewriteAndReload(r.configured);
            case CHECK_FAIL -> r.setHealthy(true);
            case GC_PRESSURE -> r.setGcPressure(false);
            default -> throw new IllegalArgumentException("no such fault " + f);
        }
    }

    /** Sets both instances' priorities back where a control undo did not get through. */
    void restorePending() {
        for (RouterSlot r : lan.slots()) {
            if (r.controlRestorePending && r.process.hasControlSocket()) {
                r.controlRestorePending = !(control(r, "set-priority VI_1 " + r.current.priority1())
                        & control(r, "set-priority VI_2 " + r.current.priority2()));
            }
        }
    }

    private void restorePriority(RouterSlot r, int instance) {
        if (!control(r, "set-priority VI_" + instance + " " + r.current.priority(instance))) {
            r.controlRestorePending = true;
        }
    }

    private boolean control(RouterSlot r, String command) {
        if (!r.expectedAlive || !r.process.hasControlSocket()) {
            return false;
        }
        try {
            String answer = r.process.control(command, CONTROL_TIMEOUT);
            return answer.startsWith("ok");
        } catch (IOException e) {
            // stopped, or between a kill and its restart: the answer may still come after SIGCONT
            r.controlRestorePending = true;
            return false;
        }
    }

    /** Waits for the old process to exit, then starts a new one, noting the VIPs it finds. */
    private void restart(RouterSlot r) {
        Poll.until(EXIT_TIMEOUT, r + " exited", () -> !r.process.isAlive());
        r.process.close();
        r.incarnation().endMicros = org.vrrp.examples.differential.Clock.nowMicros();
        r.spawn(lan.vipsOn(r));
    }

    /** SIGTERM: the process must exit and leave none of the VIP pool on the interface. */
    private void checkTermLeavesNoVip(RouterSlot r) {
        tally.checked(Invariant.TERM_LEAVES_NO_VIP);
        try {
            Poll.until(EXIT_TIMEOUT, r + " exits on SIGTERM", () -> !r.process.isAlive());
        } catch (AssertionError e) {
            tally.violation(Invariant.TERM_LEAVES_NO_VIP, r + " still running " + EXIT_TIMEOUT + " after SIGTERM"
                    + "\n" + Lan.tail(r.process.log()));
            r.process.signal("KILL");
            return;
        }
        Set<String> left = lan.vipsOn(r);
        if (!left.isEmpty()) {
            tally.violation(Invariant.TERM_LEAVES_NO_VIP, r + " exited on SIGTERM leaving " + left + " on eth0\n"
                    + Lan.tail(r.process.log()));
        }
    }

    /** A netdev table dropping everything that enters {@code device} (ARP too). */
    private static String dropAll(String table, String device) {
        return "add table netdev " + table + "; add chain netdev " + table + " c { type filter hook ingress device "
                + device + " priority 0 ; policy drop ; }";
    }

    /** An inet table with a {@code hook} chain applying {@code verdict} to IP protocol 112. */
    private static String vrrpRule(String table, String hook, String verdict) {
        return "add table inet " + table + "; add chain inet " + table + " " + hook + " { type filter hook " + hook
                + " priority 0 ; }; add rule inet " + table + " " + hook + " ip protocol 112 " + verdict;
    }
}
