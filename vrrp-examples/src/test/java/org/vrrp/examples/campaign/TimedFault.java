package org.vrrp.examples.campaign;

import java.util.Locale;

/**
 * One fault of a campaign schedule: {@code kind} done to {@code router} at {@code atMillis} after the
 * round starts and undone {@code forMillis} later (a kill or SIGTERM is undone by a restart, a SIGSTOP
 * by SIGCONT, a firewall rule by deleting it, a priority change by setting the configured one back).
 * One line of a schedule file: {@code at=1200 for=3400 KILL r2 0}.
 *
 * @param value the fault's parameter: the loss percentage of {@link Kind#LOSS}, the priority of
 *              {@link Kind#SET_PRIORITY} and {@link Kind#RELOAD_PRIORITY}, the instance (1 or 2) of
 *              {@link Kind#RESIGN}, 0 (add a VIP) or 1 (drop one) for {@link Kind#RELOAD_VIPS}; 0 otherwise
 */
public record TimedFault(long atMillis, long forMillis, Kind kind, String router, int value) {

    /** What is done to the router; the family says which faults of one router never overlap. */
    public enum Kind {
        /** Carrier loss: the router's bridge port goes down (both directions). */
        LINK_DOWN(Family.LINK, true, false),
        /** Everything the router sends is dropped at its bridge port (nftables netdev ingress in the switch). */
        ONE_WAY_OUT(Family.LINK, true, false),
        /** Everything sent to the router is dropped at its eth0 (nftables netdev ingress), ARP included. */
        ONE_WAY_IN(Family.LINK, true, false),
        /** kill -9, restart when undone. */
        KILL(Family.PROCESS, true, false),
        /** SIGTERM (graceful stop), restart when undone. */
        TERM(Family.PROCESS, true, false),
        /** SIGSTOP, SIGCONT when undone. */
        STOP(Family.PROCESS, true, false),
        /** nftables in the router's namespace drops IP protocol 112 coming in. */
        DROP_VRRP_IN(Family.FIREWALL, true, false),
        /** nftables in the router's namespace drops IP protocol 112 going out. */
        DROP_VRRP_OUT(Family.FIREWALL, true, false),
        /** nftables {@code numgen random} drops {@code value}% of IP protocol 112, both ways. */
        LOSS(Family.FIREWALL, true, false),
        /** {@code set-priority VI_1 value} on the control socket; undone by setting the configured one back. */
        SET_PRIORITY(Family.CONTROL, false, true),
        /** {@code resign VI_value} on the control socket; undone by setting the configured priority back. */
        RESIGN(Family.CONTROL, false, true),
        /** The conf rewritten with VI_1 at priority {@code value}, then SIGHUP; undone by the original conf. */
        RELOAD_PRIORITY(Family.RELOAD, false, false),
        /** The conf rewritten with VI_2's VIP set changed, then SIGHUP; undone by the original conf. */
        RELOAD_VIPS(Family.RELOAD, false, false),
        /** The tracked health script fails (weight -80 on VI_1) until undone. */
        CHECK_FAIL(Family.CHECK, false, false),
        /** The JVM allocates garbage (BenchJvm's allocators) until undone. */
        GC_PRESSURE(Family.GC, false, true);

        private final Family family;
        private final boolean disturbs;
        private final boolean oursOnly;

        Kind(Family family, boolean disturbs, boolean oursOnly) {
            this.family = family;
            this.disturbs = disturbs;
            this.oursOnly = oursOnly;
        }

        /** Faults of one family on one router do not overlap in a generated schedule. */
        public Family family() {
            return family;
        }

        /**
         * Whether it cuts or silences the router, so that two masters (or a stale neighbour entry) are
         * the expected outcome while it lasts: the invariants that need a healed network exclude it.
         */
        public boolean disturbs() {
            return disturbs;
        }

        /** Whether only {@code vrrp run} supports it (control socket, JVM heap). */
        public boolean oursOnly() {
            return oursOnly;
        }
    }

    /** Groups of faults that act on the same thing. */
    public enum Family { LINK, PROCESS, FIREWALL, CONTROL, RELOAD, CHECK, GC }

    public long endMillis() {
        return atMillis + forMillis;
    }

    /** {@code at=MS for=MS KIND ROUTER VALUE}. */
    public String line() {
        return "at=" + atMillis + " for=" + forMillis + " " + kind + " " + router + " " + value;
    }

    /** Reads {@link #line()}; fails naming the line. */
    public static TimedFault parse(String line) {
        String[] w = line.trim().split("\\s+");
        try {
            if (w.length != 5 || !w[0].startsWith("at=") || !w[1].startsWith("for=")) {
                throw new IllegalArgumentException("expected 'at=MS for=MS KIND ROUTER VALUE'");
            }
            return new TimedFault(Long.parseLong(w[0].substring(3)), Long.parseLong(w[1].substring(4)),
                    Kind.valueOf(w[2].toUpperCase(Locale.ROOT)), w[3], Integer.parseInt(w[4]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule line '" + line + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return line();
    }
}
