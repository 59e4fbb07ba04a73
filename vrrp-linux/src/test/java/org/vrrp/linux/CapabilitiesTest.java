package org.vrrp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    private static final long NET_ADMIN = 1L << 12;
    private static final long NET_RAW = 1L << 13;

    @Test
    void readsTheEffectiveSetFromProcStatus() {
        String status = "Name:\tjava\nCapInh:\t0000000000002000\nCapPrm:\t0000000000002000\n"
                + "CapEff:\t0000000000002000\nCapBnd:\t000001ffffffffff\n";
        assertEquals(NET_RAW, Capabilities.parseEffective(status));
        assertEquals(-1, Capabilities.parseEffective("Name:\tjava\n"));
    }

    @Test
    void namesWhatIsMissingAndHowToGrantIt() {
        assertEquals("", Capabilities.missing(NET_ADMIN | NET_RAW));
        assertEquals("", Capabilities.missing(0x1ffffffffffL), "root");
        assertEquals("", Capabilities.missing(-1), "unknown: no verdict");
        String onlyRaw = Capabilities.missing(NET_RAW);
        assertTrue(onlyRaw.startsWith("this process lacks CAP_NET_ADMIN (effective capabilities: 0000000000002000);"
                + " adding and removing VIPs needs CAP_NET_ADMIN: run as root, or grant it to the JVM with systemd"
                + " AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN, or `setpriv"), onlyRaw);
        String onlyAdmin = Capabilities.missing(NET_ADMIN);
        assertTrue(onlyAdmin.startsWith("this process lacks CAP_NET_RAW"), onlyAdmin);
        assertFalse(onlyAdmin.contains("CAP_NET_ADMIN and"), onlyAdmin);
        assertTrue(Capabilities.missing(0).startsWith("this process lacks CAP_NET_ADMIN and CAP_NET_RAW"));
    }

    @Test
    void theKernelKeepsTheAddressProtocolFrom5Point18() {
        assertTrue(KernelRelease.parse("6.18.44-fc-v657").keepsAddressProtocol());
        assertTrue(KernelRelease.parse("5.18.0").keepsAddressProtocol());
        assertFalse(KernelRelease.parse("5.17.15-generic").keepsAddressProtocol());
        assertFalse(KernelRelease.parse("4.19.0").keepsAddressProtocol());
        assertFalse(KernelRelease.parse("garbage").keepsAddressProtocol());
    }
}
