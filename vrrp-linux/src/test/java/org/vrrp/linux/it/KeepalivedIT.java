package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Inet.address;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.LinuxNetworkProvider;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.ReceivedPacket;

/** The receive path against the real thing: a keepalived 2.2.7 Master's adverts, and its goodbye. */
@RequiresRoot(tools = "keepalived")
@Timeout(120)
class KeepalivedIT {
    private static final NetworkProvider PROVIDER = new LinuxNetworkProvider();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void keepalivedAdvertsArriveAndItsPriorityZeroAdvertOnStop() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host k = net.addHost("ka");
            Host listener = net.addHost("b");
            String config = """
                    global_defs {
                        router_id vit_keepalived_it
                    }
                    vrrp_instance VI_1 {
                        state MASTER
                        interface eth0
                        virtual_router_id 51
                        priority 100
                        advert_int 1
                        virtual_ipaddress {
                            192.0.2.100/24
                        }
                    }
                    """;
            try (NetworkStack stack = PROVIDER.open(listener.namespace())) {
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
}
