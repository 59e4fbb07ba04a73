package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Inet.address;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;

/** Adding and removing VIPs through rtnetlink, checked against what `ip addr` reports in the namespace. */
@RequiresRoot
@Timeout(60)
class AddressIT {
    @Test
    void ipv4HostAndPrefixAddressesAreAddedRemovedAndRepeatsAreHarmless() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack()) {
                VirtualAddress host = new VirtualAddress(address("192.0.2.100"), 32, "eth0");
                VirtualAddress subnet = new VirtualAddress(address("192.0.2.101"), 24, "eth0");

                stack.addAddress(host);
                stack.addAddress(host); // already there: not an error
                stack.addAddress(subnet);
                assertEquals(32, a.address("eth0", "192.0.2.100").orElseThrow().prefixLength());
                assertEquals(24, a.address("eth0", "192.0.2.101").orElseThrow().prefixLength());
                assertTrue(stack.hasAddress(host));
                assertTrue(stack.hasAddress(subnet));

                stack.removeAddress(host);
                stack.removeAddress(host); // already gone: not an error
                assertTrue(a.address("eth0", "192.0.2.100").isEmpty(),
                        "kernel still has the VIP: " + a.addresses("eth0"));
                assertFalse(stack.hasAddress(host));
                assertTrue(a.address("eth0", a.ipv4()).isPresent(), "the interface's own address stays");
                assertTrue(stack.hasAddress(subnet), "the other VIP stays");
            }
        }
    }

    /**
     * With duplicate address detection on (and slowed to three probes), an address added by `ip` stays
     * tentative for seconds; the adapter's VIP must be usable at once (IFA_F_NODAD, pitfall 11).
     */
    @Test
    void ipv6VipIsNotTentativeEvenWithDuplicateAddressDetectionOn() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            a.sysctl("net.ipv6.conf.eth0.accept_dad", "1");
            a.sysctl("net.ipv6.conf.eth0.dad_transmits", "3");
            try (NetworkStack stack = a.openStack()) {
                VirtualAddress vip = new VirtualAddress(address("2001:db8::100"), 64, "eth0");
                stack.addAddress(vip);
                stack.addAddress(vip);
                a.ip("addr", "add", "2001:db8::99/64", "dev", "eth0"); // control: DAD applies to it

                IpJson.KernelAddress added = a.address("eth0", "2001:db8::100").orElseThrow();
                assertEquals(64, added.prefixLength());
                assertFalse(added.tentative(), "VIP is tentative: " + added);
                assertTrue(a.address("eth0", "2001:db8::99").orElseThrow().tentative(),
                        "control address should be tentative, else this test proves nothing: " + a.addresses("eth0"));
                assertTrue(stack.hasAddress(vip));

                stack.removeAddress(vip);
                stack.removeAddress(vip);
                assertTrue(a.address("eth0", "2001:db8::100").isEmpty(), "kernel still has the VIP");
                assertFalse(stack.hasAddress(vip));
            }
        }
    }

    @Test
    void kernelRefusalCarriesTheKernelsOwnExplanation() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack()) {
                IOException e = assertThrows(IOException.class,
                        () -> stack.addAddress(new VirtualAddress(address("ff02::5"), 128, "eth0")));
                assertTrue(e.getMessage().contains("ff02::5") || e.getMessage().contains("ff02:0:0:0:0:0:0:5"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("kernel says:"), e.getMessage());

                IOException unknown = assertThrows(IOException.class,
                        () -> stack.addAddress(new VirtualAddress(address("192.0.2.100"), 32, "nosuch0")));
                assertTrue(unknown.getMessage().contains("nosuch0") && unknown.getMessage().contains("eth0"),
                        unknown.getMessage());
            }
        }
    }
}
