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

                assertTrue(stack.addAddress(host), "created by this call");
                assertFalse(stack.addAddress(host), "already there: not an error, and not added by this call");
                assertTrue(stack.addAddress(subnet));
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
                assertTrue(stack.addAddress(vip));
                assertFalse(stack.addAddress(vip));
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

    /**
     * The takeover path's batch: one netlink send for every VIP, each answered on its own: the interface's own
     * address is reported as already there (not ours), a refused one fails with the kernel's text, and the
     * refusal does not stop the VIPs after it. The kernel's view decides.
     */
    @Test
    void aBatchAddsEachAddressReportsEachOutcomeAndOneRefusalStopsNoOther() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack()) {
                VirtualAddress own = new VirtualAddress(address(a.ipv4()), 24, "eth0");
                VirtualAddress first = new VirtualAddress(address("192.0.2.100"), 32, "eth0");
                VirtualAddress refused = new VirtualAddress(address("ff02::5"), 128, "eth0");
                VirtualAddress afterRefusal = new VirtualAddress(address("2001:db8::100"), 64, "eth0");
                VirtualAddress noDevice = new VirtualAddress(address("192.0.2.101"), 32, "nosuch0");
                java.util.List<String> told = new java.util.ArrayList<>();
                stack.addAddresses(java.util.List.of(own, first, refused, afterRefusal, noDevice),
                        new NetworkStack.AddOutcome() {
                            @Override
                            public void done(VirtualAddress address, boolean added) {
                                told.add(address + (added ? " added" : " already there"));
                            }

                            @Override
                            public void failed(VirtualAddress address, IOException failure) {
                                told.add(address + " failed: " + failure.getMessage());
                            }
                        });
                assertEquals(5, told.size(), told.toString());
                assertTrue(told.contains(own + " already there"), told.toString());
                assertTrue(told.contains(first + " added"), told.toString());
                assertTrue(told.contains(afterRefusal + " added"), told.toString());
                assertTrue(told.stream().anyMatch(t -> t.startsWith(refused + " failed: ") && t.contains("kernel says:")),
                        told.toString());
                assertTrue(told.stream().anyMatch(t -> t.startsWith(noDevice + " failed: ") && t.contains("nosuch0")),
                        told.toString());
                assertTrue(a.address("eth0", "192.0.2.100").isPresent(), a.addresses("eth0").toString());
                assertTrue(a.address("eth0", "2001:db8::100").isPresent(), a.addresses("eth0").toString());

                stack.removeAddress(own);
                assertTrue(a.address("eth0", a.ipv4()).isPresent(), "the interface's own address stays");
            }
        }
    }

    /**
     * The host's own IPv4 address with another prefix length is a separate kernel address, so the kernel adds
     * ours beside it: removal takes off ours, not the first of that value it finds, and leaves the host's.
     */
    @Test
    void removingAVipBesideTheHostsOwnAddressOfAnotherPrefixTakesOffOnlyOurs() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (NetworkStack stack = a.openStack()) {
                VirtualAddress vip = new VirtualAddress(address(a.ipv4()), 32, "eth0");
                assertTrue(stack.addAddress(vip), "the kernel adds a /32 beside the host's /24: "
                        + a.addresses("eth0"));
                stack.removeAddress(vip);
                assertEquals(1, a.addresses("eth0").stream().filter(k -> k.address().equals(a.ipv4())).count(),
                        a.addresses("eth0").toString());
                assertEquals(24, a.address("eth0", a.ipv4()).orElseThrow().prefixLength(), "the host's own stays");
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
