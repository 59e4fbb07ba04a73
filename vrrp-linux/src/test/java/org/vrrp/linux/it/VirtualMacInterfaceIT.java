package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualMacInterface;

/**
 * The macvlan of a virtual MAC, judged by the kernel (`ip -d -j link`, /proc/sys): created in bridge mode with the
 * virtual MAC on its base, inactive (protodown) until activated, gone after close; a leftover of a killed run is
 * taken over; anything else of the name is an error and stays; the base's ARP settings are set and put back.
 */
@RequiresRoot
@Timeout(60)
class VirtualMacInterfaceIT {
    @Test
    void createsTheMacvlanInactiveActivatesItAndRemovesItOnClose() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            String before = sysctl(a, "eth0", "arp_ignore") + " " + sysctl(a, "eth0", "arp_announce");
            try (NetworkStack stack = a.openStack()) {
                VirtualMacInterface vmac = stack.openVirtualMac("eth0", "vrrp.51", 51, AddressFamily.IPV4);
                String link = link(a, "vrrp.51");
                assertTrue(link.contains("\"address\":\"00:00:5e:00:01:33\""), link);
                assertTrue(link.contains("\"info_kind\":\"macvlan\""), link);
                assertTrue(link.contains("\"mode\":\"bridge\""), link);
                assertTrue(link.contains("\"link\":\"eth0\""), link);
                assertTrue(link.contains("\"proto_down\":true"), "inactive at first: " + link);
                assertEquals("1", sysctl(a, "vrrp.51", "arp_ignore"));
                assertEquals("0", sysctl(a, "vrrp.51", "rp_filter"));
                assertEquals("1 2", sysctl(a, "eth0", "arp_ignore") + " " + sysctl(a, "eth0", "arp_announce"));
                vmac.activate();
                assertFalse(link(a, "vrrp.51").contains("\"proto_down\":true"), link(a, "vrrp.51"));
                vmac.deactivate();
                assertTrue(link(a, "vrrp.51").contains("\"proto_down\":true"), link(a, "vrrp.51"));
                vmac.close();
                assertFalse(exists(a, "vrrp.51"), "no macvlan after close");
                assertEquals(before, sysctl(a, "eth0", "arp_ignore") + " " + sysctl(a, "eth0", "arp_announce"),
                        "the base's settings restored");
            }
        }
    }

    @Test
    void ipv6GetsTheIpv6VirtualMacAndTheBasesLinkLocal() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack();
                 VirtualMacInterface vmac = stack.openVirtualMac("eth0", "v6mac", 7, AddressFamily.IPV6)) {
                assertTrue(link(a, "v6mac").contains("\"address\":\"00:00:5e:00:02:07\""), link(a, "v6mac"));
                String baseLinkLocal = a.addresses("eth0").stream().filter(x -> x.address().startsWith("fe80"))
                        .findFirst().orElseThrow().address();
                assertTrue(a.address("v6mac", baseLinkLocal).isPresent(), "v6mac has " + baseLinkLocal + ": "
                        + a.addresses("v6mac"));
                assertEquals(1, a.addresses("v6mac").size(), "no link-local of its own: " + a.addresses("v6mac"));
                assertEquals("v6mac", vmac.name());
            }
            assertFalse(exists(a, "v6mac"));
        }
    }

    @Test
    void aMacvlanLeftByAKilledRunIsTakenOverAndRemoved() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            a.ip("link", "add", "vrrp.9", "link", "eth0", "address", "00:00:5e:00:01:09", "type", "macvlan", "mode",
                    "bridge");
            a.ip("link", "set", "vrrp.9", "up");
            String index = link(a, "vrrp.9").replaceAll("(?s).*?\"ifindex\":(\\d+).*", "$1");
            try (NetworkStack stack = a.openStack();
                 VirtualMacInterface vmac = stack.openVirtualMac("eth0", "vrrp.9", 9, AddressFamily.IPV4)) {
                String link = link(a, "vrrp.9");
                assertTrue(link.contains("\"ifindex\":" + index + ","), "the same interface, taken over: " + link);
                assertTrue(link.contains("\"proto_down\":true"), "and made inactive: " + link);
            }
            assertFalse(exists(a, "vrrp.9"), "removed on close");
        }
    }

    @Test
    void anythingElseOfTheNameIsAnErrorAndIsLeftAlone() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            a.addUnconnectedInterface("vrrp.5");
            a.ip("link", "add", "vrrp.6", "link", "eth0", "address", "02:00:00:00:00:06", "type", "macvlan");
            try (NetworkStack stack = a.openStack()) {
                IOException veth = assertThrows(IOException.class,
                        () -> stack.openVirtualMac("eth0", "vrrp.5", 5, AddressFamily.IPV4));
                assertTrue(veth.getMessage().contains("is not this instance's virtual MAC interface"), veth.getMessage());
                IOException otherMac = assertThrows(IOException.class,
                        () -> stack.openVirtualMac("eth0", "vrrp.6", 6, AddressFamily.IPV4));
                assertTrue(otherMac.getMessage().contains("02:00:00:00:00:06"), otherMac.getMessage());
            }
            assertTrue(exists(a, "vrrp.5") && exists(a, "vrrp.6"), "neither was deleted");
        }
    }

    private static String link(Host h, String ifname) {
        return h.exec("ip", "-d", "-j", "link", "show", "dev", ifname).stdout();
    }

    private static boolean exists(Host h, String ifname) {
        return h.execUnchecked(Command.DEFAULT_TIMEOUT, "ip", "link", "show", "dev", ifname).exitCode() == 0;
    }

    private static String sysctl(Host h, String ifname, String key) {
        return h.exec("cat", "/proc/sys/net/ipv4/conf/" + ifname + "/" + key).stdout().trim();
    }
}
