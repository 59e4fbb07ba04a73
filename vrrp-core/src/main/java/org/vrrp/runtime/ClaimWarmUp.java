package org.vrrp.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.vrrp.InstanceConfig;
import org.vrrp.VrrpState;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.protocol.Action;
import org.vrrp.protocol.ActionQueue;
import org.vrrp.protocol.Input;
import org.vrrp.protocol.SyncGroup;
import org.vrrp.protocol.VirtualRouterMachine;
import org.vrrp.spi.VirtualAddress;

/**
 * Runs a router's takeover path once when it starts, on private copies of its machines, so that a backup's first
 * real takeover does not pay for the JVM's first run of that code (class loading, the interpreter, the first
 * bootstrap of the VIPs' record methods): in a JVM that had never been master that cost a few milliseconds
 * between the down timer and the first advert (issue 17).
 *
 * <p>Nothing leaves this class: the copies queue their actions in a queue of their own, which only this class reads
 * and then drops; their adverts are encoded into a scratch buffer and never sent. No packet, no address, no
 * listener call, no log line; the router's machines, channels and counters are not touched.
 *
 * <p>Two scenarios, each on fresh copies in sync groups that mirror the router's: every copy starts and its group
 * takes over when the first down timer runs out (then a master's advert timer fires); every copy starts, hears the
 * first scenario's master resign (its advert at priority 0, from a peer) and takes over after Skew_Time.
 *
 * <p>Protocol thread only (at start, before the router's machines are started).
 */
final class ClaimWarmUp {
    private final List<RouterInstance> instances;
    private final Map<String, List<String>> syncGroups;
    private final ByteBuf scratch = Unpooled.buffer(1500);
    private int advertsEncoded;
    private int vipsHashed;

    ClaimWarmUp(List<RouterInstance> instances, Map<String, List<String>> syncGroups) {
        this.instances = instances;
        this.syncGroups = syncGroups;
    }

    /**
     * What a run did, for tests: the adverts the copies encoded (none was sent), the VIPs hashed as the executor's
     * sets would (none was added), and how many copies of the second scenario heard a resignation and took over.
     */
    record Outcome(int advertsEncoded, int vipsHashed, int takeoversAfterResignation) {
    }

    /**
     * Runs both scenarios; once per object (its scratch buffer is released at the end).
     *
     * @param nowNanos the copies' clock start; their timers are only compared with it
     * @return what it did
     */
    Outcome run(long nowNanos) {
        try {
            Map<String, VrrpPacket> claims = new HashMap<>();
            List<VirtualRouterMachine> first = copies(new ActionQueue());
            start(first, nowNanos);
            long fired = fireFirstTimer(first, nowNanos);
            fireFirstTimer(first, fired); // a master's Adver_Timer
            drain(first, claims);

            List<VirtualRouterMachine> second = copies(new ActionQueue());
            start(second, nowNanos);
            for (VirtualRouterMachine m : second) {
                VrrpPacket claim = claims.get(m.name());
                InetAddress peer = peerOf(m.config(), m.localAddress());
                if (claim != null && peer != null) {
                    m.handleAdvert(claim.withPriority(0), peer, 255, m.config().sendChecksumForm(), nowNanos);
                }
            }
            fireFirstTimer(second, nowNanos);
            drain(second, new HashMap<>());
            int takeovers = 0;
            for (VirtualRouterMachine m : second) {
                if (m.state() == VrrpState.MASTER && m.counters().priorityZeroReceived() > 0) {
                    takeovers++;
                }
            }
            return new Outcome(advertsEncoded, vipsHashed, takeovers);
        } finally {
            scratch.release();
        }
    }

    private List<VirtualRouterMachine> copies(ActionQueue queue) {
        Map<String, VirtualRouterMachine> byName = new HashMap<>();
        List<VirtualRouterMachine> out = new ArrayList<>();
        for (RouterInstance inst : instances) {
            VirtualRouterMachine copy = new VirtualRouterMachine(inst.spec.protocol(), inst.channel.localAddress, queue);
            byName.put(copy.name(), copy);
            out.add(copy);
        }
        for (Map.Entry<String, List<String>> g : syncGroups.entrySet()) {
            SyncGroup group = new SyncGroup(g.getKey());
            for (String member : g.getValue()) {
                group.add(byName.get(member));
            }
        }
        return out;
    }

    private static void start(List<VirtualRouterMachine> machines, long nowNanos) {
        for (VirtualRouterMachine m : machines) {
            m.handle(new Input.Start(), nowNanos);
        }
    }

    /** Runs the copies' timers at the earliest deadline of any; returns that deadline (or {@code nowNanos}). */
    private static long fireFirstTimer(List<VirtualRouterMachine> machines, long nowNanos) {
        long at = Long.MAX_VALUE;
        for (VirtualRouterMachine m : machines) {
            at = Math.min(at, m.pollTimeoutNanos());
        }
        if (at == Long.MAX_VALUE) {
            return nowNanos;
        }
        for (VirtualRouterMachine m : machines) {
            if (m.pollTimeoutNanos() <= at) {
                m.handleTimeout(at);
            }
        }
        return at;
    }

    /**
     * Takes every queued action of the copies; encodes their adverts as the channel would (and keeps each copy's
     * first advert at its own priority in {@code claims}), hashes their VIPs as the executor's sets do; the rest is
     * dropped.
     */
    private void drain(List<VirtualRouterMachine> machines, Map<String, VrrpPacket> claims) {
        Map<String, RouterInstance> byName = new HashMap<>();
        for (RouterInstance inst : instances) {
            byName.put(inst.name(), inst);
        }
        for (VirtualRouterMachine m : machines) {
            Action a;
            while ((a = m.pollAction()) != null) {
                if (a instanceof Action.SendAdvert s) {
                    RouterInstance inst = byName.get(m.name());
                    advertsEncoded += inst.channel.encodeEach(s.packet(), inst.spec.protocol().sendChecksumForm(),
                            scratch);
                    if (s.packet().priority() != 0) {
                        claims.putIfAbsent(m.name(), s.packet());
                    }
                } else if (a instanceof Action.AddAddresses add) {
                    // RouterInstance.addedByUs: the first hashCode/equals of a record is bootstrapped, slowly.
                    vipsHashed += new LinkedHashSet<VirtualAddress>(add.addresses()).size();
                }
            }
        }
    }

    /** An address the copy takes for its peer's: the first unicast peer, or its own with the last bit flipped. */
    private static InetAddress peerOf(InstanceConfig config, InetAddress local) {
        if (!config.unicastPeers().isEmpty()) {
            return config.unicastPeers().get(0);
        }
        byte[] b = local.getAddress();
        b[b.length - 1] ^= 1;
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
