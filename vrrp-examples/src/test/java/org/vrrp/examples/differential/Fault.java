package org.vrrp.examples.differential;

/**
 * One step of a scenario's fault script: {@code kind} applied to {@code router} at {@code atMillis} after
 * the script starts (all routers settled). A {@code measured} fault is one whose takeover time the
 * comparison checks: from the instant the harness applied it to the first change of VIP holders after it.
 *
 * @param segment the segment (0 or 1) of a link fault, or of a DROP_* on one interface only; -1 otherwise
 * @param conf    the new keepalived.conf template of a {@link Kind#RELOAD}; null otherwise
 */
public record Fault(long atMillis, Kind kind, String router, int segment, String conf, boolean measured) {
    /** What the harness does to a router. */
    public enum Kind {
        /** Carrier loss on the router's interface on {@code segment} (its bridge port goes down). */
        LINK_DOWN,
        LINK_UP,
        /** SIGTERM: graceful stop (priority-0 advert, VIPs removed). */
        TERM,
        /** kill -9: no goodbye; the VIP stays in the kernel. */
        KILL,
        /** SIGSTOP of the process that sends the adverts. */
        STOP,
        CONT,
        /** nftables in the router's namespace drops IP protocol 112 coming in. */
        DROP_IN,
        /** nftables in the router's namespace drops IP protocol 112 going out. */
        DROP_OUT,
        /** Removes every nftables rule {@code DROP_*} added. */
        HEAL,
        /** The new conf is written and the process gets SIGHUP: keepalived's reload, and ours. */
        RELOAD,
        /** The router's health check starts failing / passing. */
        CHECK_FAIL,
        CHECK_PASS
    }

    /** {@code kind} on {@code router}; a DROP_* on all its interfaces. */
    public static Fault at(long atMillis, Kind kind, String router) {
        return new Fault(atMillis, kind, router, -1, null, true);
    }

    public static Fault link(long atMillis, Kind kind, String router, int segment) {
        return new Fault(atMillis, kind, router, segment, null, true);
    }

    public static Fault reload(long atMillis, String router, String conf) {
        return new Fault(atMillis, Kind.RELOAD, router, 0, conf, true);
    }

    /**
     * Whether the harness applies it just after an advert on the wire rather than at an arbitrary phase:
     * faults whose takeover runs from the last advert heard (Master_Down_Interval), so that the phase
     * does not add up to one interval of noise to the figure.
     */
    public boolean alignedToAdvert() {
        return switch (kind) {
            case KILL, STOP, LINK_DOWN, DROP_IN, DROP_OUT, RELOAD -> true;
            default -> false;
        };
    }

    /** The same fault, but its takeover time is not compared (a set-up step such as the first half of a pair). */
    public Fault unmeasured() {
        return new Fault(atMillis, kind, router, segment, conf, false);
    }

    @Override
    public String toString() {
        return "+" + atMillis + "ms " + kind + " " + router + (segment >= 0 ? " eth" + segment : "");
    }
}
