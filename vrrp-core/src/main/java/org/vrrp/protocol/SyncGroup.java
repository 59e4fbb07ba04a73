package org.vrrp.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.vrrp.Reason;
import org.vrrp.VrrpState;

/**
 * Instances that change state together (keepalived's {@code vrrp_sync_group}): typically the inside
 * and outside of a pair of routers, which must have the same master.
 *
 * <p>Rules: when one member becomes MASTER or BACKUP on its own, the others follow; one member in
 * FAULT puts the whole group in FAULT (at start-up too, as keepalived) and the group leaves FAULT when
 * no member has a fault of its own. A member whose down timer fires does not pull the group to MASTER while another member still
 * hears a master, because a segment that merely drops VRRP would otherwise make the pair flap for
 * ever; but a member that heard the master resign (priority 0) takes the group over at once.
 *
 * <p>Not thread-safe: driven by the protocol thread with its members.
 */
public final class SyncGroup {
    private final String name;
    private final List<VirtualRouterMachine> members = new ArrayList<>();

    /** @param name the group's name, as in {@code vrrp_sync_group NAME} */
    public SyncGroup(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @return the group's name */
    public String name() {
        return name;
    }

    /**
     * Adds a member; called while building, before any input.
     *
     * @param member the member
     */
    public void add(VirtualRouterMachine member) {
        members.add(member);
        member.joinGroup(this);
    }

    /** @return the members, in the order they were added */
    public List<VirtualRouterMachine> members() {
        return Collections.unmodifiableList(members);
    }

    /** A member changed state by itself: bring the others along. */
    void onMemberTransition(VirtualRouterMachine source, VrrpState to, Reason sourceReason, long nowNanos) {
        if (to == VrrpState.INITIALIZE) {
            return;
        }
        Reason reason = new Reason.SyncGroup(name, source.name(), to, sourceReason);
        for (VirtualRouterMachine m : members) {
            // A member in FAULT leaves it only with the whole group (onFaultCleared), never because a
            // peer won or lost an election: that would put a VIP on a dead link.
            boolean heldInFault = m.state() == VrrpState.FAULT && to != VrrpState.FAULT;
            if (m != source && m.state() != to && m.state() != VrrpState.INITIALIZE && !heldInFault) {
                m.forceState(to, reason, nowNanos);
            }
        }
    }

    /**
     * Whether {@code candidate}, whose down timer fired, may take the group to MASTER now.
     *
     * @param afterPriorityZero its timer was shortened to the skew time by a master's priority-0 advert
     */
    boolean mayTakeOver(VirtualRouterMachine candidate, boolean afterPriorityZero, long nowNanos) {
        if (afterPriorityZero) {
            return true;
        }
        for (VirtualRouterMachine m : members) {
            if (m != candidate && m.hearsMaster(nowNanos)) {
                return false;
            }
        }
        return true;
    }

    /** The member that still hears a master, for the log when a takeover is held. */
    VirtualRouterMachine memberHearingMaster(VirtualRouterMachine candidate, long nowNanos) {
        for (VirtualRouterMachine m : members) {
            if (m != candidate && m.hearsMaster(nowNanos)) {
                return m;
            }
        }
        return null;
    }

    /** A member other than {@code asker} with a fault of its own (link, weight-0 check), or null. */
    VirtualRouterMachine memberInFault(VirtualRouterMachine asker) {
        for (VirtualRouterMachine m : members) {
            if (m != asker && m.hasOwnFault()) {
                return m;
            }
        }
        return null;
    }

    /** A member's own fault cleared: if no member has one left, the group leaves FAULT. */
    void onFaultCleared(long nowNanos) {
        for (VirtualRouterMachine m : members) {
            if (m.hasOwnFault()) {
                return;
            }
        }
        for (VirtualRouterMachine m : members) {
            m.leaveFault(new Reason.SyncGroupFaultCleared(name), nowNanos);
        }
    }
}
