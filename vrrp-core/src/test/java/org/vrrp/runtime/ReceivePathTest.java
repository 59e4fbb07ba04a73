package org.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vrrp.InstanceSpec;
import org.vrrp.VrrpRouter;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.AdvertView;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.protocol.ActionQueue;
import org.vrrp.protocol.VirtualRouterMachine;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;

/**
 * The hand-off from the I/O thread to the protocol thread through the ring of reused views: one drain task per
 * burst, and when the protocol thread falls a whole ring behind, nothing is dropped and the order stays as
 * received. The protocol thread's queue is run by hand, so "behind" is exact.
 */
class ReceivePathTest {
    private final ArrayDeque<Runnable> protocolTasks = new ArrayDeque<>();
    private final List<Integer> deliveredPriorities = new ArrayList<>();
    private final ReceivePath path = new ReceivePath(() -> 0L, protocolTasks::add,
            new RateLimitedLog(LoggerFactory.getLogger(ReceivePathTest.class), () -> 0L, 1_000_000_000L),
            (inst, advert, source, ttl, form) -> {
                assertEquals(AdvertView.class, advert.getClass(), "the ring's or the overflow's view");
                deliveredPriorities.add(advert.priority());
            });
    private final PacketHandler handler;
    private final InetAddress peer = address("192.0.2.2");
    private final InetAddress group = address("224.0.0.18");

    ReceivePathTest() {
        InstanceSpec spec = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(100).version(3)
                .vip("192.0.2.254/24").shutdownHook(false).build().instances().get(0);
        RouterChannel channel = new RouterChannel(AddressFamily.IPV4, List.of(), null, null);
        channel.open(new StubChannel("eth0", AddressFamily.IPV4, address("192.0.2.1"), sent -> { }));
        VirtualRouterMachine machine = new VirtualRouterMachine(spec.protocol(), address("192.0.2.1"), new ActionQueue());
        channel.claim(51, new RouterInstance(spec, machine, channel, null));
        handler = path.handlerFor(channel);
    }

    @Test
    void aBurstOfAdvertsIsOneTaskForTheProtocolThread() {
        for (int priority = 1; priority <= 10; priority++) {
            handler.onPacket(advert(priority));
        }
        assertEquals(1, protocolTasks.size(), "one drain for the burst, not a task per advert");
        runProtocolTasks();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), deliveredPriorities);
    }

    @Test
    void aProtocolThreadAWholeRingBehindLosesNothingAndKeepsTheOrder() {
        int total = ReceivePath.RING_SLOTS + 40;
        for (int i = 0; i < total; i++) {
            handler.onPacket(advert(1 + i % 255));
        }
        runProtocolTasks();
        // More adverts after the overflow was handled go through the ring again, after the others.
        handler.onPacket(advert(7));
        runProtocolTasks();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add(1 + i % 255);
        }
        expected.add(7);
        assertEquals(expected.size(), deliveredPriorities.size(), "none lost");
        assertEquals(expected, deliveredPriorities);
    }

    private void runProtocolTasks() {
        Runnable task;
        while ((task = protocolTasks.poll()) != null) {
            task.run();
        }
    }

    private ReceivedPacket advert(int priority) {
        VrrpPacket p = VrrpPacket.v3(AddressFamily.IPV4, 51, priority, 100, List.of(address("192.0.2.254")));
        ByteBuf out = Unpooled.buffer();
        VrrpCodec.encode(p, ChecksumForm.IPV4_PSEUDO_HEADER, peer.getAddress(), group.getAddress(), out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return new ReceivedPacket("eth0", peer, group, 255, bytes);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
