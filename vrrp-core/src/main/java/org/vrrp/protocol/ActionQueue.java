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
