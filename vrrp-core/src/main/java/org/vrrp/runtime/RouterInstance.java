package org.vrrp.runtime;

import java.util.LinkedHashSet;
import java.util.Set;
import org.vrrp.InstanceSpec;
import org.vrrp.Reason;
import org.vrrp.StateChange;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.protocol.VirtualRouterMachine;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VirtualMacInterface;

/** One instance of a running router: its machine, its channel and what the runtime keeps of it. Protocol thread. */
final class RouterInstance {
    InstanceSpec spec;
    final VirtualRouterMachine machine;
    final RouterChannel channel;
    /** The instance's virtual MAC interface, or null: active exactly while the instance is MASTER. */
    final VirtualMacInterface vmac;
    int basePriority;
    /** The fault last given to the machine, or null. */
    Reason.Fault fault;
    /** VIPs this router put on the host and has not taken off: the only ones it may remove. */
    final Set<VirtualAddress> addedByUs = new LinkedHashSet<>();
    final VipFault vipFault = new VipFault();
    long vipAddErrors;
    long ownAddressAdverts;
    /** What this instance last advertised: an advert from our own address equal to it is our own echo. */
    VrrpPacket lastSentAdvert;
    long stateSinceNanos;
    StateChange lastTransition;
    long transitions;

    RouterInstance(InstanceSpec spec, VirtualRouterMachine machine, RouterChannel channel, VirtualMacInterface vmac) {
        this.spec = spec;
        this.machine = machine;
        this.channel = channel;
        this.vmac = vmac;
        this.basePriority = spec.protocol().priority();
    }

    String name() {
        return spec.name();
    }
}
