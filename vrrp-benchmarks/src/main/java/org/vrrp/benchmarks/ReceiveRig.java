package org.vrrp.benchmarks;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.vrrp.InstanceStats;
import org.vrrp.LowerPriorityAdvert;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.runtime.RouterEngine;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * The runtime's whole receive path on one thread, from the bytes an adapter hands over to the machine's input:
 * a real {@link RouterEngine} with one BACKUP instance that follows the captured advert's master, on a network
 * stack that does nothing, with the protocol thread's task queue run by hand after each packet. What
 * {@link #receive()} measures: decode (checksum included), the hand-off to the protocol thread, the VRID
 * lookup, the echo check and the machine's receive rules and down-timer restart. Not in it: the adapter's own
 * work (its {@link ReceivedPacket}, made once here and handed over every time) and the protocol thread's wake-up.
 *
 * <p>One thread only. Used by {@link ReceivePathBenchmark} and by the allocation test.
 */
public final class ReceiveRig {
    private final ArrayDeque<Runnable> protocolTasks = new ArrayDeque<>(64);
    private final RouterEngine engine;
    private final ReceivedPacket packet;
    private final String instanceName;
    private PacketHandler handler;
    private long nowNanos = 1_000_000_000L;

    private ReceiveRig(CapturedAdvert advert, VrrpPacket heard) throws IOException {
        InetAddress local = InetAddress.getByAddress(localAddressBeside(advert.source()));
        VrrpRouter.Builder b = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(heard.vrid())
                .priority(Math.max(1, heard.priority() - 10)).version(heard.version())
                .advertisementInterval(Duration.ofMillis(heard.advertIntervalCentis() * 10L)).shutdownHook(false);
        for (InetAddress a : heard.addresses()) {
            b.vip(a.getHostAddress() + (advert.family() == AddressFamily.IPV4 ? "/24" : "/64"));
        }
        if (heard.version() == 2 && heard.authType() == VrrpPacket.AUTH_SIMPLE_TEXT) {
            b.authentication(heard.authText());
        }
        VrrpRouterConfig config = b.build();
        instanceName = config.instances().get(0).name();
        engine = new RouterEngine(config, new QuietStack(local), () -> nowNanos, protocolTasks::add,
                new RouterEngine.TransitionSink() {
                    @Override
                    public void onTransition(StateChange change) {
                    }

                    @Override
                    public void onLowerPriority(LowerPriorityAdvert lower) {
                    }
                }, () -> Instant.EPOCH);
        engine.start();
        runProtocolTasks();
        packet = new ReceivedPacket("eth0", InetAddress.getByAddress(advert.source()),
                InetAddress.getByAddress(advert.destination()), 255, advert.message());
    }

    /**
     * A backup for the first advert of a keepalived capture.
     *
     * @param capture e.g. {@code v3-ipv4-50cs}
     * @return the rig, its instance BACKUP and having heard the advert once
     * @throws IOException if the capture cannot be read or the advert does not decode
     */
    public static ReceiveRig backupFor(String capture) throws IOException {
        CapturedAdvert advert = CapturedAdvert.firstOf(capture);
        if (!(VrrpCodec.decode(io.netty.buffer.Unpooled.wrappedBuffer(advert.message()), advert.family(),
                advert.source(), advert.destination()) instanceof DecodeResult.Ok ok)) {
            throw new IOException(capture + ": the captured advert does not decode");
        }
        ReceiveRig rig = new ReceiveRig(advert, ok.packet());
        rig.receive();
        if (rig.engine.state(rig.instanceName) != VrrpState.BACKUP || rig.stats().advertsReceived() != 1
                || rig.stats().addressListErrors() != 0) {
            throw new IllegalStateException(capture + ": the rig's instance did not take the advert as its master's: "
                    + rig.engine.state(rig.instanceName) + ", " + rig.stats());
        }
        return rig;
    }

    /** One advert in: the adapter's callback, then the protocol thread's turn. */
    public void receive() {
        nowNanos += 1_000; // a microsecond apart: the down timer never comes near
        handler.onPacket(packet);
        runProtocolTasks();
    }

    /** @return the instance's counters (allocates: for checks, not for the measured loop) */
    public InstanceStats stats() {
        return engine.stats().instances().get(0);
    }

    /** @return the instance's state */
    public VrrpState state() {
        return engine.state(instanceName);
    }

    private void runProtocolTasks() {
        Runnable task;
        while ((task = protocolTasks.poll()) != null) {
            task.run();
        }
    }

    /** An address in the sender's subnet but not the sender's: the last byte changed. */
    private static byte[] localAddressBeside(byte[] sender) {
        byte[] local = sender.clone();
        local[local.length - 1] = (byte) (local[local.length - 1] == 1 ? 2 : 1);
        return local;
    }

    /** A stack with one interface, eth0, that sends nothing and whose addresses always go in. */
    private final class QuietStack implements NetworkStack {
        private final InetAddress local;

        QuietStack(InetAddress local) {
            this.local = local;
        }

        @Override
        public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                       PacketHandler packetHandler) {
            handler = packetHandler;
            return new VrrpChannel() {
                @Override
                public String interfaceName() {
                    return interfaceName;
                }

                @Override
                public AddressFamily family() {
                    return family;
                }

                @Override
                public InetAddress localAddress() {
                    return local;
                }

                @Override
                public void send(ByteBuf message, InetAddress destination) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public boolean addAddress(VirtualAddress address) {
            return true;
        }

        @Override
        public void removeAddress(VirtualAddress address) {
        }

        @Override
        public boolean hasAddress(VirtualAddress address) {
            return false;
        }

        @Override
        public void announce(VirtualAddress address) {
        }

        @Override
        public boolean watchLink(String interfaceName, LinkListener listener) {
            listener.onLinkChange(interfaceName, true);
            return true;
        }

        @Override
        public boolean interfaceExists(String interfaceName) {
            return "eth0".equals(interfaceName);
        }

        @Override
        public void close() {
        }
    }

    @Override
    public String toString() {
        return "ReceiveRig(" + instanceName + ", " + state() + ")";
    }
}
