package org.vrrp.protocol;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The actions of the machines of one router, in the order the machines decided them. A sync group
 * moves several machines in one step: with one queue for all of them, the transition that caused the
 * step comes out before the transitions of the members it forced, so listeners are told in causal
 * order and {@link org.vrrp.StateChange#sequence()} numbers follow it.
 *
 * <p>Not thread-safe: one driver thread owns it with its machines.
 */
public final class ActionQueue {
    /** One action and the machine that asked for it. */
    public record Entry(VirtualRouterMachine machine, Action action) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    void add(VirtualRouterMachine machine, Action action) {
        entries.addLast(new Entry(machine, action));
    }

    /**
     * The oldest action of any machine, or null.
     *
     * @return the oldest action of any machine, or null
     */
    public Entry poll() {
        return entries.pollFirst();
    }

    /**
     * Takes out the oldest priority-0 advert (a master resigning: FAULT, shutdown, resign) that no other advert of
     * its machine precedes, or returns null. A driver sends these first: in a sync group the advert a peer's
     * takeover waits for is often a member's resignation queued behind another member's address removals (netlink
     * round trips), log lines and listener hand-offs. Only the sending order changes: a machine's own adverts stay
     * in their order, and every other action stays queued as it was.
     *
     * @return the resignation to send now, or null
     */
    public Entry pollResignation() {
        if (entries.size() < 2) {
            return null; // nothing for it to overtake (and no iterator on the every-advert path)
        }
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.action() instanceof Action.SendAdvert s && s.packet().priority() == 0
                    && !hasEarlierAdvert(e.machine(), e)) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    private boolean hasEarlierAdvert(VirtualRouterMachine machine, Entry before) {
        for (Entry e : entries) {
            if (e == before) {
                return false;
            }
            if (e.machine() == machine && e.action() instanceof Action.SendAdvert) {
                return true;
            }
        }
        return false;
    }

    /** The oldest action of {@code machine}, or null; the others stay queued in order. */
    Action poll(VirtualRouterMachine machine) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.machine() == machine) {
                it.remove();
                return e.action();
            }
        }
        return null;
    }
}
