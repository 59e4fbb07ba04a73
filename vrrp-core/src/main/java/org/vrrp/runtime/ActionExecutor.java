package org.vrrp.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.vrrp.Reason;
import org.vrrp.StateChange;
import org.vrrp.VrrpState;
import org.vrrp.protocol.Action;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;

/**
 * Carries out the machines' actions through the {@link NetworkStack}: sends adverts (through the instance's
 * {@link RouterChannel}, which fans them out), adds and removes VIPs (only the ones this router added), announces
 * them, numbers and publishes transitions, logs warnings and priority changes. A VIP the kernel refuses puts the
 * instance in FAULT ({@link VipFault}). Protocol thread only.
 */
final class ActionExecutor {
    /** Re-evaluates an instance's tracking (after a VIP fault is set). */
    @FunctionalInterface
    interface Retracker {
        void refresh(RouterInstance inst, long nowNanos);
    }

    private final Logger log;
    private final NetworkStack stack;
    private final RateLimitedLog warnings;
    private final RouterEngine.TransitionSink sink;
    private final Supplier<Instant> wallClock;
    private final Map<String, VrrpState> publishedStates;
    private final Retracker retracker;
    private final ByteBuf sendBuffer = Unpooled.buffer(1500);
    private final Adding adding = new Adding();
    private long sequence;

    ActionExecutor(Logger log, NetworkStack stack, RateLimitedLog warnings, RouterEngine.TransitionSink sink,
                   Supplier<Instant> wallClock, Map<String, VrrpState> publishedStates, Retracker retracker) {
        this.log = log;
        this.stack = stack;
        this.warnings = warnings;
        this.sink = sink;
        this.wallClock = wallClock;
        this.publishedStates = publishedStates;
        this.retracker = retracker;
    }

    void execute(RouterInstance inst, Action action, long now) {
        if (action instanceof Action.SendAdvert s) {
            if (s.packet().priority() != 0) {
                setVirtualMac(inst, true); // an advert at our priority claims mastership: it must carry the MAC
            }
            send(inst, s);
        } else if (action instanceof Action.AddAddresses add) {
            setVirtualMac(inst, true);
            Reason.VipNotAdded failure = addAddresses(inst, add.addresses());
            if (failure != null) {
                onVipNotAdded(inst, failure, now);
            }
        } else if (action instanceof Action.RemoveAddresses rm) {
            removeAddresses(inst, rm.addresses());
        } else if (action instanceof Action.Announce an) {
            for (VirtualAddress v : an.addresses()) {
                try {
                    stack.announce(v);
                } catch (IOException e) {
                    warnings.warn("announce:" + v, "(" + inst.name() + ") could not announce " + v + ": " + e.getMessage());
                }
            }
        } else if (action instanceof Action.Transition claimed) {
            if (claimed.from() == VrrpState.MASTER && claimed.to() != VrrpState.MASTER) {
                setVirtualMac(inst, false); // after the priority-0 advert and the VIPs' removal, which came first
            }
            publish(inst, claimed, now);
        } else if (action instanceof Action.HeardLowerPriority h) {
            sink.onLowerPriority(new org.vrrp.LowerPriorityAdvert(inst.name(), h.from(), h.priority(), h.ourPriority(),
                    wallClock.get()));
        } else if (action instanceof Action.PriorityChanged p) {
            log.info("({}) priority {} -> {}: {}", inst.name(), p.from(), p.to(), p.reason());
        } else if (action instanceof Action.Warning w) {
            warnings.warn(w.key(), w.message());
        } else {
            throw new AssertionError("unknown action " + action);
        }
    }

    /**
     * Makes the instance's virtual MAC interface active (it answers and sends: the instance claims mastership) or
     * inactive (it left MASTER: only the new master may have the MAC). Idempotent. A failure is logged: the VIPs then
     * sit on an interface that sends nothing (or a backup's still answers), which its peers and operators see.
     */
    private void setVirtualMac(RouterInstance inst, boolean active) {
        if (inst.vmac == null) {
            return;
        }
        try {
            if (active) {
                inst.vmac.activate();
            } else {
                inst.vmac.deactivate();
            }
        } catch (IOException e) {
            warnings.warn("vmac:" + inst.name(), "(" + inst.name() + ") could not " + (active ? "activate" : "deactivate")
                    + " the virtual MAC interface " + inst.vmac.name() + ": " + e.getMessage());
        }
    }

    /** Frees the send buffer; nothing is sent after. */
    void close() {
        sendBuffer.release();
    }

    private void publish(RouterInstance inst, Action.Transition claimed, long now) {
        Action.Transition t = inst.vipFault.published(claimed);
        if (t == null) {
            return;
        }
        inst.stateSinceNanos = now;
        inst.transitions++;
        StateChange change = new StateChange(inst.name(), t.from(), t.to(), t.reason(), ++sequence,
                wallClock.get(), t.priority());
        inst.lastTransition = change;
        publishedStates.put(inst.name(), t.to());
        log.info("({}) {} -> {}: {}", inst.name(), t.from(), t.to(), t.reason());
        sink.onTransition(change);
    }

    private void send(RouterInstance inst, Action.SendAdvert s) {
        inst.lastSentAdvert = s.packet();
        IOException failure = inst.channel.send(s.packet(), inst.spec.protocol().sendChecksumForm(), sendBuffer);
        if (failure != null) {
            warnings.warn("send:" + inst.name(), "(" + inst.name() + ") could not send an advert on "
                    + inst.channel.channel.interfaceName() + ": " + failure.getMessage());
        }
    }

    /**
     * Adds each VIP (the stack may send them to the kernel together) and remembers the ones this router put
     * there. One the stack reports as already there (an owner's interface address, or an address an
     * administrator added) is not ours: it is left alone now and when leaving MASTER. The stack's answer
     * decides it, so nothing reads the kernel's addresses on the takeover path. One that fails is logged
     * and the others still go ahead.
     *
     * @return the first failure, or null if all went through
     */
    private Reason.VipNotAdded addAddresses(RouterInstance inst, List<VirtualAddress> addresses) {
        adding.start(inst);
        stack.addAddresses(addresses, adding);
        return adding.finish();
    }

    /** Collects what {@link NetworkStack#addAddresses} says about each VIP of one instance; reused. */
    private final class Adding implements NetworkStack.AddOutcome {
        private RouterInstance inst;
        private Reason.VipNotAdded first;

        void start(RouterInstance instance) {
            inst = instance;
            first = null;
        }

        Reason.VipNotAdded finish() {
            Reason.VipNotAdded failure = first;
            inst = null;
            first = null;
            return failure;
        }

        @Override
        public void done(VirtualAddress v, boolean added) {
            if (added) {
                inst.addedByUs.add(v);
            } else if (!inst.addedByUs.contains(v)) {
                // Not put there by us, now or earlier in this run (then it would still be ours).
                warnings.warn("not-ours:" + inst.name() + ":" + v, "(" + inst.name() + ") " + v + " was already"
                        + " on the host before this router added it: it will not be removed on leaving MASTER."
                        + (inst.spec.protocol().isOwner() ? "" : " A virtual address must not be one the host"
                        + " already has, unless the instance is its owner (priority 255)"));
            }
        }

        @Override
        public void failed(VirtualAddress v, IOException e) {
            log.error("({}) could not add {}: {}", inst.name(), v, e.getMessage());
            first = first != null ? first : new Reason.VipNotAdded(v, e.getMessage());
        }
    }

    /** Removes each VIP that this router itself added; never another (the rule: remove only what you added). */
    private void removeAddresses(RouterInstance inst, List<VirtualAddress> addresses) {
        for (VirtualAddress v : addresses) {
            if (!inst.addedByUs.contains(v)) {
                continue;
            }
            try {
                stack.removeAddress(v);
                inst.addedByUs.remove(v);
            } catch (IOException e) {
                // Still ours: the next removal tries again.
                log.error("({}) could not remove {}: {}", inst.name(), v, e.getMessage());
            }
        }
    }

    /**
     * A VIP could not be added: the instance must not claim mastership without it. What the machine
     * queued to claim it (adverts at its priority, announcements, the transition to MASTER) is dropped,
     * so listeners never hear of a mastership that was not there; then the instance goes to FAULT, which
     * sends priority 0 (a backup takes over after its skew time) and takes back the VIPs it did add.
     * It leaves FAULT after {@link VipFault#RETRY_NANOS} and tries again when it next becomes master.
     */
    private void onVipNotAdded(RouterInstance inst, Reason.VipNotAdded failure, long now) {
        inst.vipAddErrors++;
        List<Action> kept = new ArrayList<>();
        Action a;
        while ((a = inst.machine.pollAction()) != null) {
            if (!inst.vipFault.dropsClaim(a)) {
                kept.add(a);
            }
        }
        inst.vipFault.set(failure, now);
        for (Action k : kept) {
            execute(inst, k, now);
        }
        retracker.refresh(inst, now);
    }
}
