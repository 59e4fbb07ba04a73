package org.vrrp.linux.it;

import static org.vrrp.linux.it.Inet.address;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;

/**
 * A VIP moves from host A to host B; B's announcement must move the client's neighbour entry to B's
 * MAC. The client learns the VIP at A first (by pinging it), so the test shows an existing entry being
 * overridden, which is what a takeover needs.
 */
@RequiresRoot(tools = "ping")
@Timeout(60)
class AnnounceIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void gratuitousArpMovesTheClientsNeighbourEntry() throws Exception {
        moveVip("192.0.2.100", 24);
    }

    @Test
    void unsolicitedNeighborAdvertMovesTheClientsNeighbourEntry() throws Exception {
        moveVip("2001:db8::100", 64);
    }

    /**
     * The stack keeps the links it looked up (no netlink dump per announcement on the takeover path); a link
     * notification must drop them, or after a MAC change the announcements would keep pointing clients to the
     * old one.
     */
    @Test
    void announcementsCarryTheInterfacesNewMacAfterItChanges() throws Exception {
        String vipLiteral = "192.0.2.100";
        try (TestNetwork net = TestNetwork.create()) {
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            try (NetworkStack stackB = b.openStack()) {
                VirtualAddress vip = new VirtualAddress(address(vipLiteral), 24, "eth0");
                stackB.addAddress(vip);
                announce(stackB, vip); // the stack looks the link up, and keeps it
                // A gratuitous ARP only updates an entry the client has: make one.
                client.exec("ping", "-c", "1", "-W", "5", vipLiteral);
                Poll.until(WAIT, "client to learn the VIP at B's MAC " + b.mac(),
                        () -> client.neighbourMac("eth0", vipLiteral), m -> m.equals(Optional.of(b.mac())));

                String newMac = "02:00:00:00:77:77";
                b.ip("link", "set", "dev", "eth0", "address", newMac);
                Poll.until(WAIT, "client to follow B's new MAC " + newMac, () -> {
                    announce(stackB, vip);
                    return client.neighbourMac("eth0", vipLiteral);
                }, m -> m.equals(Optional.of(newMac)));
            }
        }
    }

    private static void moveVip(String vipLiteral, int prefixLength) throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            try (NetworkStack stackA = a.openStack();
                 NetworkStack stackB = b.openStack()) {
                VirtualAddress vipAtA = new VirtualAddress(address(vipLiteral), prefixLength, "eth0");
                VirtualAddress vipAtB = new VirtualAddress(address(vipLiteral), prefixLength, "eth0");
                stackA.addAddress(vipAtA);
                client.exec("ping", "-c", "1", "-W", "5", vipLiteral);
                Poll.until(WAIT, "client to learn the VIP at A's MAC",
                        () -> client.neighbourMac("eth0", vipLiteral), m -> m.equals(Optional.of(a.mac())));

                stackA.removeAddress(vipAtA);
                stackB.addAddress(vipAtB);
                // Linux ignores a second update within its lock time (1 s) of the last one, so re-announce
                // while waiting, as keepalived repeats its gratuitous ARPs.
                Poll.until(WAIT, "client to move the VIP to B's MAC " + b.mac(), () -> {
                    announce(stackB, vipAtB);
                    return client.neighbourMac("eth0", vipLiteral);
                }, m -> m.equals(Optional.of(b.mac())));
            }
        }
    }

    private static void announce(NetworkStack stack, VirtualAddress vip) {
        try {
            stack.announce(vip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
