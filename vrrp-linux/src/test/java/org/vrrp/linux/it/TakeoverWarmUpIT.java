package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;

/**
 * Opening a stack runs the stack's part of a takeover once (the warm-up of issue 17, {@code TakeoverWarmUp} and an
 * empty batch of address adds): seen from the kernel and the wire, it does nothing. The host's addresses are the
 * same before and after, and a neighbour on the segment sees no gratuitous ARP, neighbour advertisement or VRRP
 * packet from it.
 */
@RequiresRoot
@Timeout(60)
class TakeoverWarmUpIT {
    @Test
    void openingAStackAddsNoAddressAndSendsNothing() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host router = net.addHost("r");
            Host neighbour = net.addHost("n");
            List<IpJson.KernelAddress> before = router.addresses("eth0");
            String fromRouter = "ether src " + router.mac() + " and (arp or ip proto 112 or icmp6)";
            try (PacketCapture capture = PacketCapture.start(neighbour, "eth0", 1, fromRouter);
                 NetworkStack stack = router.openStack()) {
                assertEquals(before, router.addresses("eth0"), "the warm-up added no address");
                // open() returned after the warm-up: whatever it sent is on the wire; give tcpdump time to print it.
                Thread.sleep(1_000);
                assertEquals(List.of(), packets(capture.output()), "nothing sent from the router while its stack opened");
                // The capture does see what the router sends: a real announcement, its one packet.
                stack.announce(new VirtualAddress(Inet.address("192.0.2.200"), 24, "eth0"));
                assertEquals(1, packets(capture.awaitOutput(Duration.ofSeconds(10))).size());
            }
        }
    }

    /** tcpdump's packet lines (not its banner). */
    private static List<String> packets(String tcpdumpOutput) {
        return tcpdumpOutput.lines().filter(l -> l.contains(" > ") || l.contains("who-has")).toList();
    }
}
