package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Inet.address;

import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VrrpChannel;

/** VRRP channels on two or three namespaces joined by a bridge: what is sent, what arrives, what must not. */
@RequiresRoot(tools = "tcpdump")
@Timeout(120)
class VrrpChannelIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress GROUP4 = address("224.0.0.18");
    private static final InetAddress GROUP6 = address("ff02::12");

    @Test
    void ipv4AdvertArrivesWithItsBytesSourceAndTtl255AndLeavesWithTos0xc0() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack()) {
                ReceivedPackets atB = new ReceivedPackets();
                stackB.openChannel("eth0", AddressFamily.IPV4, List.of(), atB);
                VrrpChannel fromA = stackA.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { });
                assertEquals(address(a.ipv4()), fromA.localAddress(), "local address is the primary address");

                byte[] advert = VrrpTestMessages.v2(51, 100, address("192.0.2.100"));
                try (PacketCapture capture = PacketCapture.start(b, "eth0", 1, "ip proto 112")) {
                    fromA.send(Unpooled.wrappedBuffer(advert), GROUP4);

                    ReceivedPacket got = atB.await(WAIT);
                    assertEquals("eth0", got.interfaceName());
                    assertEquals(address(a.ipv4()), got.source());
                    assertEquals(GROUP4, got.destination());
                    assertEquals(255, got.ttl());
                    assertArrayEquals(advert, got.message(), "the VRRP payload, without the IPv4 header");

                    String wire = capture.awaitOutput(WAIT);
                    assertTrue(wire.contains("tos 0xc0"), wire);
                    assertTrue(wire.contains("ttl 255"), wire);
                    assertTrue(wire.contains("flags [none]"), "no DF, like keepalived: " + wire);
                    assertTrue(wire.contains(a.ipv4() + " > 224.0.0.18"), wire);
                }
            }
        }
    }

    @Test
    void ipv6AdvertArrivesFromLinkLocalWithHopLimit255AndAKernelChecksum() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack()) {
                ReceivedPackets atB = new ReceivedPackets();
                stackB.openChannel("eth0", AddressFamily.IPV6, List.of(), atB);
                VrrpChannel fromA = stackA.openChannel("eth0", AddressFamily.IPV6, List.of(), p -> { });
                assertTrue(fromA.localAddress().isLinkLocalAddress(), "local address " + fromA.localAddress());

                byte[] advert = VrrpTestMessages.v3Ipv6WithoutChecksum(51, 100, fromA.localAddress());
                try (PacketCapture capture = PacketCapture.start(b, "eth0", 1, "ip6 proto 112")) {
                    fromA.send(Unpooled.wrappedBuffer(advert), GROUP6);

                    ReceivedPacket got = atB.await(WAIT);
                    assertEquals(fromA.localAddress(), got.source());
                    assertEquals(GROUP6, got.destination());
                    assertEquals(255, got.ttl());
                    assertEquals(advert.length, got.message().length);
                    assertTrue(got.message()[6] != 0 || got.message()[7] != 0, "the kernel filled the checksum");
                    assertTrue(VrrpTestMessages.ipv6ChecksumVerifies(got.source(), got.destination(), 112,
                                    got.message()),
                            "checksum over the IPv6 pseudo-header verifies");
                    got.message()[6] = 0;
                    got.message()[7] = 0;
                    assertArrayEquals(advert, got.message(), "the rest is what A sent");

                    String wire = capture.awaitOutput(WAIT);
                    assertTrue(wire.contains("hlim 255"), wire);
                    assertTrue(wire.contains("class 0xc0"), wire);
                    assertTrue(wire.contains("> ff02::12"), wire);
                }
            }
        }
    }

    /**
     * A's own advert must not loop back to A (IP_MULTICAST_LOOP 0), and B's socket on another interface
     * must not see it (SO_BINDTODEVICE, IP_MULTICAST_ALL 0). Checked without timing: a leaked copy would
     * be queued on the socket before the marker packet sent afterwards, so each socket's first packet
     * must be the marker.
     */
    @Test
    void ownAdvertsDoNotLoopBackAndOtherInterfacesDoNotSeeThem() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host c = net.addHost("c");
            b.attach(1);
            c.attach(1);
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack();
                 NetworkStack stackC = c.openStack()) {
                ReceivedPackets atA = new ReceivedPackets();
                ReceivedPackets atB0 = new ReceivedPackets();
                ReceivedPackets atB1 = new ReceivedPackets();
                VrrpChannel a0 = stackA.openChannel("eth0", AddressFamily.IPV4, List.of(), atA);
                VrrpChannel b0 = stackB.openChannel("eth0", AddressFamily.IPV4, List.of(), atB0);
                stackB.openChannel("eth1", AddressFamily.IPV4, List.of(), atB1);
                VrrpChannel c1 = stackC.openChannel("eth1", AddressFamily.IPV4, List.of(), p -> { });

                byte[] fromA = VrrpTestMessages.v2(1, 100, address("192.0.2.100"));
                a0.send(Unpooled.wrappedBuffer(fromA), GROUP4);
                assertArrayEquals(fromA, atB0.await(WAIT).message(), "B hears A on the shared segment");

                byte[] markerOnSegment1 = VrrpTestMessages.v2(2, 100, address("198.51.100.100"));
                c1.send(Unpooled.wrappedBuffer(markerOnSegment1), GROUP4);
                assertArrayEquals(markerOnSegment1, atB1.await(WAIT).message(), "B's eth1 socket got A's advert");

                byte[] markerToA = VrrpTestMessages.v2(3, 100, address("192.0.2.100"));
                b0.send(Unpooled.wrappedBuffer(markerToA), GROUP4);
                ReceivedPacket first = atA.await(WAIT);
                assertEquals(address(b.ipv4()), first.source(), "A read its own advert back");
                assertArrayEquals(markerToA, first.message());
            }
        }
    }

    /**
     * Unicast mode: an advert goes to exactly the destination given, with TTL 255, and the channel delivers
     * every source (the router drops and counts strangers, see RouterElectionIT), without joining the group.
     */
    @Test
    void unicastChannelSendsToTheGivenPeerAndDeliversEverySource() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host c = net.addHost("c");
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack();
                 NetworkStack stackC = c.openStack()) {
                ReceivedPackets atB = new ReceivedPackets();
                stackB.openChannel("eth0", AddressFamily.IPV4, List.of(address(a.ipv4())), atB);
                List<InetAddress> onlyB = List.of(address(b.ipv4()));
                VrrpChannel fromA = stackA.openChannel("eth0", AddressFamily.IPV4, onlyB, p -> { });
                VrrpChannel fromC = stackC.openChannel("eth0", AddressFamily.IPV4, onlyB, p -> { });

                byte[] stranger = VrrpTestMessages.v2(51, 200, address("192.0.2.100"));
                fromC.send(Unpooled.wrappedBuffer(stranger), address(b.ipv4()));
                ReceivedPacket first = atB.await(WAIT);
                assertEquals(address(c.ipv4()), first.source(), "the channel delivers a stranger; the router judges");
                assertArrayEquals(stranger, first.message());

                byte[] advert = VrrpTestMessages.v2(51, 100, address("192.0.2.100"));
                fromA.send(Unpooled.wrappedBuffer(advert), address(b.ipv4()));
                ReceivedPacket got = atB.await(WAIT);
                assertEquals(address(a.ipv4()), got.source());
                assertEquals(address(b.ipv4()), got.destination());
                assertEquals(255, got.ttl());
                assertArrayEquals(advert, got.message());
            }
        }
    }

    /** A handler that throws does not stop the I/O thread: the next packet is still delivered. */
    @Test
    void aThrowingHandlerDoesNotStopTheIoThread() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack()) {
                ReceivedPackets atB = new ReceivedPackets();
                boolean[] thrown = {false};
                stackB.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> {
                    if (!thrown[0]) {
                        thrown[0] = true;
                        throw new IllegalStateException("handler failure the I/O thread must survive");
                    }
                    atB.onPacket(p);
                });
                VrrpChannel fromA = stackA.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { });
                byte[] first = VrrpTestMessages.v2(1, 100, address("192.0.2.100"));
                byte[] second = VrrpTestMessages.v2(2, 100, address("192.0.2.100"));
                fromA.send(Unpooled.wrappedBuffer(first), GROUP4);
                fromA.send(Unpooled.wrappedBuffer(second), GROUP4);
                assertArrayEquals(second, atB.await(WAIT).message());
                assertTrue(thrown[0]);
            }
        }
    }
}
