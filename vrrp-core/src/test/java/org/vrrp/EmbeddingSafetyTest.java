package org.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.VrrpCodec;
import org.vrrp.packet.VrrpPacket;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * Issue 13 in the core, on a mocked network stack: never MASTER without the VIPs, never touch an
 * address that is not ours, one router per (interface, VRID, family) in a JVM, one router per builder.
 * The kernel side of the same cases is in vrrp-linux's EmbeddingSafetyIT.
 */
class EmbeddingSafetyTest {
    private static final InetAddress LOCAL = address("192.0.2.1");

    private final NetworkProvider provider = mock(NetworkProvider.class);
    private final NetworkStack stack = mock(NetworkStack.class);
    private final VrrpChannel channel = mock(VrrpChannel.class);
    /** Priority byte of every advert sent, in order. */
    private final List<Integer> sentPriorities = new CopyOnWriteArrayList<>();
    private final List<byte[]> sentMessages = new CopyOnWriteArrayList<>();
    private final AtomicReference<PacketHandler> handler = new AtomicReference<>();

    EmbeddingSafetyTest() throws IOException {
        when(provider.open(any())).thenReturn(stack);
        when(stack.openChannel(eq("eth0"), eq(AddressFamily.IPV4), anyList(), any())).thenAnswer(inv -> {
            handler.set(inv.getArgument(3));
            return channel;
        });
        when(stack.watchLink(any(), any())).thenReturn(true);
        // A kernel that had none of the VIPs: each add is ours. The batch call runs the SPI's default (one by one).
        when(stack.addAddress(any())).thenReturn(true);
        doCallRealMethod().when(stack).addAddresses(anyList(), any());
        when(channel.localAddress()).thenReturn(LOCAL);
        when(channel.interfaceName()).thenReturn("eth0");
        when(channel.family()).thenReturn(AddressFamily.IPV4);
        doAnswer(inv -> {
            ByteBuf b = inv.getArgument(0);
            sentPriorities.add((int) b.getUnsignedByte(b.readerIndex() + 2));
            byte[] copy = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), copy);
            sentMessages.add(copy);
            return null;
        }).when(channel).send(any(), any());
    }

    private VrrpRouter.Builder router(int priority) {
        return VrrpRouter.builder().interfaceName("eth0").virtualRouterId(51).priority(priority).vip("192.0.2.254/24")
                .version(3).advertisementInterval(Duration.ofMillis(50)).networkProvider(provider).shutdownHook(false);
    }

    private static VrrpListener recording(List<String> events) {
        return new VrrpListener() {
            @Override
            public void stateChanged(StateChange c) {
                events.add(c.from() + "->" + c.to());
            }

            @Override
            public void becomeMaster(StateChange c) {
                events.add("becomeMaster");
            }
        };
    }

    @Test
    void aVipTheKernelRefusesSendsTheOwnerToFaultWithPriorityZeroAndNeverReportsMaster() throws Exception {
        doThrow(new IOException("add address 192.0.2.254/24 dev eth0 (RTM_NEWADDR) failed: EPERM"))
                .when(stack).addAddress(any());
        List<String> events = new CopyOnWriteArrayList<>();
        try (VrrpRouter r = router(255).listener(recording(events)).start()) {
            assertEquals(VrrpState.FAULT, r.state());
            InstanceStats s = r.stats().instances().get(0);
            assertEquals(1, s.vipAddErrors());
            assertEquals(List.of(0), sentPriorities, "only a priority-0 advert went out: no claim at 255");
            assertEquals(0, s.becameMaster(), "the attempt is not counted as a mastership");
            assertEquals(1, s.advertsSent(), "nor the advert that was never sent");
            assertEquals(VrrpState.INITIALIZE, s.lastTransition().from(), "listeners never heard of MASTER");
        }
        Poll.until(() -> events.contains("FAULT->INITIALIZE"));
        assertEquals(List.of("INITIALIZE->FAULT", "FAULT->INITIALIZE"), events);
    }

    @Test
    void aBackupWhoseVipIsRefusedGoesToFaultInsteadOfMaster() throws Exception {
        doThrow(new IOException("EPERM")).when(stack).addAddress(any());
        List<String> events = new CopyOnWriteArrayList<>();
        try (VrrpRouter r = router(100).listener(recording(events)).start()) {
            Poll.until(() -> r.state() == VrrpState.FAULT);
            InstanceStats s = r.stats().instances().get(0);
            assertEquals(1, s.vipAddErrors());
            assertEquals(1, s.priorityZeroSent());
            assertTrue(sentPriorities.stream().allMatch(p -> p == 0), "sent " + sentPriorities);
            // Its one VIP never went in, so there is nothing of its own to take back: remove only what was added.
            verify(stack, never()).removeAddress(any());
        }
        assertFalse(events.contains("becomeMaster"), events.toString());
        assertEquals("INITIALIZE->BACKUP", events.get(0));
        assertEquals("BACKUP->FAULT", events.get(1));
    }

    /**
     * The stack's answer alone tells whether a VIP is ours: one it reports as already there (EEXIST) is never
     * removed, and nothing reads the kernel's addresses (hasAddress) on the way to MASTER or out of it.
     */
    @Test
    void aVipTheStackReportsAsAlreadyThereIsNeverRemovedAndTakeoverReadsNoAddresses() throws Exception {
        VirtualAddress vip = new VirtualAddress(address("192.0.2.254"), 24, "eth0");
        when(stack.addAddress(vip)).thenReturn(false);
        try (VrrpRouter r = router(255).start()) {
            assertEquals(VrrpState.MASTER, r.state());
            verify(stack).addAddress(vip);
        }
        verify(stack, never()).removeAddress(any());
        verify(stack, never()).hasAddress(any());
    }

    @Test
    void aNonOwnerVipThatIsAlreadyAHostAddressIsRefusedAndLeftAlone() throws Exception {
        VirtualAddress vip = new VirtualAddress(address("192.0.2.254"), 24, "eth0");
        when(stack.hasAddress(vip)).thenReturn(true); // and addedByVrrp false: the host's own
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> router(100).start());
        assertEquals("instance \"VI_51\": vip 192.0.2.254/24 dev eth0 is already an address of eth0 (192.0.2.254,"
                + " which no VRRP router added: the interface's own address, or one added by hand or by another"
                + " program); a backup would take it off the host. Choose an unused address for vip(...), or, if this"
                + " host owns it, use priority(255)", e.getMessage());
        verify(stack, never()).removeAddress(any());
        verify(stack).close();
    }

    @Test
    void aVipLeftByAnEarlierRunOfThisLibraryIsRemovedAtStart() throws Exception {
        VirtualAddress vip = new VirtualAddress(address("192.0.2.254"), 24, "eth0");
        when(stack.hasAddress(vip)).thenReturn(true);
        when(stack.addedByVrrp(vip)).thenReturn(true);
        try (VrrpRouter r = router(100).start()) {
            verify(stack).removeAddress(vip);
        }
    }

    @Test
    void aSecondRouterForTheSameInterfaceVridAndFamilyIsRefusedNamingTheFirst() {
        try (VrrpRouter first = router(100).start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> router(200).start());
            assertEquals("VRID 51 on eth0 (IPV4) is already run by router " + first + " (instance VI_51) in this JVM:"
                    + " two routers for one VRID would both become master, and closing one would remove the VIPs the"
                    + " other still claims. Close " + first + " first, or use another virtualRouterId", e.getMessage());
            try (VrrpRouter otherVrid = router(100).virtualRouterId(52).start();
                 VrrpRouter otherNamespace = router(100).networkNamespace("elsewhere").start()) {
                assertEquals(VrrpState.BACKUP, otherVrid.state());
                assertEquals(VrrpState.BACKUP, otherNamespace.state());
            }
        }
        try (VrrpRouter again = router(100).start()) {
            assertEquals(VrrpState.BACKUP, again.state(), "close() released the VRID");
        }
    }

    @Test
    void aBuilderStartsOneRouter() {
        VrrpRouter.Builder builder = router(100);
        try (VrrpRouter first = builder.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);
            assertEquals("this builder already started router " + first + " (running [VI_51]): a builder starts one"
                    + " router. Keep that one, or close it and start another with VrrpRouter.start(build())",
                    e.getMessage());
        }
    }

    @Test
    void anAdvertFromOurOwnAddressIsCountedWarnedAndDropped() throws Exception {
        try (VrrpRouter r = router(100).advertisementInterval(Duration.ofSeconds(1)).start()) {
            ByteBuf buf = Unpooled.buffer();
            VrrpCodec.encode(VrrpPacket.v3(AddressFamily.IPV4, 51, 200, 100, List.of(address("192.0.2.254"))),
                    ChecksumForm.IPV4_PSEUDO_HEADER, LOCAL.getAddress(), address("224.0.0.18").getAddress(), buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            handler.get().onPacket(new ReceivedPacket("eth0", LOCAL, address("224.0.0.18"), 255, bytes));
            Poll.until(() -> r.stats().instances().get(0).ownAddressAdverts() == 1);
            InstanceStats s = r.stats().instances().get(0);
            assertEquals(0, s.advertsReceived(), "dropped before the machine");
            assertEquals(null, s.masterAddress(), "not taken for a master");
        }
    }

    @Test
    void ourOwnAdvertLoopedBackIsNeitherCountedNorWarnedAbout() throws Exception {
        try (VrrpRouter r = router(255).start()) {
            Poll.until(() -> !sentMessages.isEmpty());
            byte[] echo = sentMessages.get(sentMessages.size() - 1);
            handler.get().onPacket(new ReceivedPacket("eth0", LOCAL, address("224.0.0.18"), 255, echo));
            // Then a different advert from our address, which must be counted: once it is, the echo was seen too.
            ByteBuf buf = Unpooled.buffer();
            VrrpCodec.encode(VrrpPacket.v3(AddressFamily.IPV4, 51, 200, 5, List.of(address("192.0.2.254"))),
                    ChecksumForm.IPV4_PSEUDO_HEADER, LOCAL.getAddress(), address("224.0.0.18").getAddress(), buf);
            byte[] other = new byte[buf.readableBytes()];
            buf.readBytes(other);
            handler.get().onPacket(new ReceivedPacket("eth0", LOCAL, address("224.0.0.18"), 255, other));
            Poll.until(() -> r.stats().instances().get(0).ownAddressAdverts() >= 1);
            InstanceStats s = r.stats().instances().get(0);
            assertEquals(1, s.ownAddressAdverts(), "the echo of our own advert is not a second router");
            assertEquals(0, s.peersNotHearingUs(), "nor a deaf peer");
        }
    }

    @Test
    void warnsOnceAboutAVipOutsideEverySubnetAndAboutPriority255WithoutOwningTheAddress() throws Exception {
        when(stack.interfaceAddresses("eth0")).thenReturn(List.of(new VirtualAddress(LOCAL, 24, "eth0")));
        String log = stderrOf(() -> {
            try (VrrpRouter r = router(255).vip("198.51.100.7").start()) {
                assertEquals(VrrpState.MASTER, r.state());
            }
        });
        assertTrue(log.contains("(VI_51) priority 255 says this host owns its addresses, but vip 192.0.2.254 is not an"
                + " address of eth0"), log);
        assertTrue(log.contains("(VI_51) vip 198.51.100.7/32 dev eth0 is outside every subnet of eth0"
                + " ([192.0.2.1/24])"), log);
        assertFalse(log.contains("vip 192.0.2.254/24 dev eth0 is outside"), "192.0.2.254 is in 192.0.2.0/24");
        String quiet = stderrOf(() -> {
            try (VrrpRouter r = router(100).start()) {
                assertEquals(VrrpState.BACKUP, r.state());
            }
        });
        assertFalse(quiet.contains("WARN"), quiet);
    }

    private static String stderrOf(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits up to 5 s for a condition the router's threads make true. */
    private static final class Poll {
        interface Condition {
            boolean holds() throws Exception;
        }

        static void until(Condition c) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!c.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not met within 5 s");
                }
                Thread.sleep(10);
            }
        }
    }
}
