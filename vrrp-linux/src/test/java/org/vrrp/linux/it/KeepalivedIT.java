package org.vrrp.linux.it;

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

/** The receive path against the real thing: a keepalived 2.2.7 Master's adverts, and its goodbye. */
@RequiresRoot(tools = "keepalived")
@Timeout(120)
class KeepalivedIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void keepalivedAdvertsArriveAndItsPriorityZeroAdvertOnStop() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host k = net.addHost("ka");
            Host listener = net.addHost("b");
            String config = instance("VI_1", 2, 51, "192.0.2.100/24");
            try (NetworkStack stack = listener.openStack()) {
                ReceivedPackets received = new ReceivedPackets();
                stack.openChannel("eth0", AddressFamily.IPV4, List.of(), received);
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(k, config)) {
                    ReceivedPacket advert = received.await(WAIT, "advert with priority 100",
                            p -> p.message().length >= 3 && (p.message()[2] & 0xff) == 100);
                    assertEquals(address(k.ipv4()), advert.source(), keepalived.log());
                    assertEquals(address("224.0.0.18"), advert.destination());
                    assertEquals(255, advert.ttl());
                    byte[] m = advert.message();
                    assertEquals(20, m.length, "v2 header, one address, 8 bytes of auth data");
                    assertEquals(0x21, m[0] & 0xff, "version 2, type advertisement");
                    assertEquals(51, m[1] & 0xff, "VRID");
                    assertEquals(1, m[3] & 0xff, "address count");
                    assertEquals(address("192.0.2.100"), address(String.format("%d.%d.%d.%d",
                            m[8] & 0xff, m[9] & 0xff, m[10] & 0xff, m[11] & 0xff)));
                    assertEquals(0, VrrpTestMessages.internetChecksum(m, 0, m.length, 0), "checksum verifies");
                    Poll.until(WAIT, "keepalived to add its VIP", () -> k.address("eth0", "192.0.2.100").isPresent());

                    keepalived.stop();
                    ReceivedPacket goodbye = received.await(WAIT, "priority-0 advert after SIGTERM",
                            p -> (p.message()[2] & 0xff) == 0);
                    assertEquals(address(k.ipv4()), goodbye.source());
                    assertTrue(k.address("eth0", "192.0.2.100").isEmpty(), "keepalived removed its VIP on stop");
                }
            }
        }
    }

    /**
     * The send path against the real thing: keepalived, Master at priority 100, must accept our
     * priority-200 VRRPv2 advert (TTL, checksum, interval and addresses all to its liking) and step down.
     */
    @Test
    void keepalivedStepsDownForOurHigherPriorityIpv4Advert() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host k = net.addHost("ka");
            Host us = net.addHost("b");
            try (NetworkStack stack = us.openStack();
                 KeepalivedProcess keepalived = KeepalivedProcess.start(k, instance("VI_1", 2, 51, "192.0.2.100/24"))) {
                VrrpChannel channel = stack.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { });
                // keepalived starts in BACKUP (init) whatever its configured state, so wait for MASTER first.
                int master = keepalived.awaitLog("(VI_1) Entering MASTER STATE", WAIT);
                channel.send(Unpooled.wrappedBuffer(VrrpTestMessages.v2(51, 200, address("192.0.2.100"))),
                        address("224.0.0.18"));
                int accepted = keepalived.awaitLog("(VI_1) Master received advert from " + us.ipv4()
                        + " with higher priority 200, ours 100", master, WAIT);
                keepalived.awaitLog("(VI_1) Entering BACKUP STATE", accepted, WAIT);
            }
        }
    }

    /**
     * Both directions over IPv6 (VRRPv3): keepalived's adverts arrive from its link-local address with
     * hop limit 255 and a checksum over the IPv6 pseudo-header, and our advert, checksummed by the
     * kernel, makes it step down.
     */
    @Test
    void ipv6AdvertsGoBothWaysWithKeepalived() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host k = net.addHost("ka");
            Host us = net.addHost("b");
            try (NetworkStack stack = us.openStack()) {
                ReceivedPackets received = new ReceivedPackets();
                VrrpChannel channel = stack.openChannel("eth0", AddressFamily.IPV6, List.of(), received);
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(k,
                        instance("VI_6", 3, 52, "2001:db8::100/64"))) {
                    ReceivedPacket advert = received.await(WAIT, "VRRPv3 advert with priority 100",
                            p -> p.message().length >= 3 && (p.message()[2] & 0xff) == 100);
                    InetAddress keepalivedLinkLocal = k.addresses("eth0").stream()
                            .map(a -> address(a.address())).filter(InetAddress::isLinkLocalAddress)
                            .findFirst().orElseThrow();
                    assertEquals(keepalivedLinkLocal, advert.source(), keepalived.log());
                    assertEquals(address("ff02::12"), advert.destination());
                    assertEquals(255, advert.ttl());
                    assertEquals(0x31, advert.message()[0] & 0xff, "version 3, type advertisement");
                    assertTrue(VrrpTestMessages.ipv6ChecksumVerifies(advert.source(), advert.destination(), 112,
                            advert.message()), "checksum over the pseudo-header");

                    int master = keepalived.awaitLog("(VI_6) Entering MASTER STATE", WAIT);
                    channel.send(Unpooled.wrappedBuffer(VrrpTestMessages.v3Ipv6WithoutChecksum(52, 200,
                            address("2001:db8::100"))), address("ff02::12"));
                    int accepted = keepalived.awaitLog("with higher priority 200, ours 100", master, WAIT);
                    keepalived.awaitLog("(VI_6) Entering BACKUP STATE", accepted, WAIT);
                }
            }
        }
    }

    /** A keepalived configuration with one Master instance at priority 100 on eth0, 1 s adverts. */
    private static String instance(String name, int version, int vrid, String vip) {
        return """
                global_defs {
                    router_id vit_keepalived_it
                }
                vrrp_instance %s {
                    state MASTER
                    version %d
                    interface eth0
                    virtual_router_id %d
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        %s
                    }
                }
                """.formatted(name, version, vrid, vip);
    }
}
