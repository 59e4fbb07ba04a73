package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vrrp.linux.it.Inet.address;

import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VrrpChannel;

/** The nftables rules documented in docs/operations.md let VRRP through a default-drop input policy. */
@RequiresRoot(tools = "nft")
@Timeout(60)
class FirewallIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void documentedRulesetLetsVrrpThroughForBothFamilies() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Path rules = Files.createTempFile("vrrp-it", ".nft");
            try (InputStream in = FirewallIT.class.getResourceAsStream("/nftables/vrrp.nft")) {
                Files.write(rules, in.readAllBytes());
                b.exec("nft", "-f", rules.toString());
            } finally {
                Files.delete(rules);
            }
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack()) {
                ReceivedPackets v4 = new ReceivedPackets();
                ReceivedPackets v6 = new ReceivedPackets();
                stackB.openChannel("eth0", AddressFamily.IPV4, List.of(), v4);
                stackB.openChannel("eth0", AddressFamily.IPV6, List.of(), v6);
                VrrpChannel a4 = stackA.openChannel("eth0", AddressFamily.IPV4, List.of(), p -> { });
                VrrpChannel a6 = stackA.openChannel("eth0", AddressFamily.IPV6, List.of(), p -> { });

                byte[] advert4 = VrrpTestMessages.v2(51, 100, address("192.0.2.100"));
                a4.send(Unpooled.wrappedBuffer(advert4), address("224.0.0.18"));
                assertArrayEquals(advert4, v4.await(WAIT).message());
                a6.send(Unpooled.wrappedBuffer(VrrpTestMessages.v3Ipv6WithoutChecksum(51, 100, a6.localAddress())),
                        address("ff02::12"));
                assertEquals(a6.localAddress(), v6.await(WAIT).source());
            }
        }
    }
}
