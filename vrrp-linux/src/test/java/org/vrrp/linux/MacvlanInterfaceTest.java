package org.vrrp.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vrrp.packet.AddressFamily;

/**
 * What the kernel's refusals to create the macvlan become (a kernel or container without macvlan cannot be made
 * here: this machine has it built in), and the virtual MAC of RFC 9568 7.3.
 */
class MacvlanInterfaceTest {
    private static final NetlinkMessages.Link BASE = new NetlinkMessages.Link(2, "eth0", 0, new byte[6]);
    private static final byte[] MAC = MacvlanInterface.virtualMac(51, AddressFamily.IPV4);

    @Test
    void virtualMacIsTheRfcsPerFamily() {
        assertArrayEquals(new byte[] {0, 0, 0x5e, 0, 1, 51}, MAC);
        assertArrayEquals(new byte[] {0, 0, 0x5e, 0, 2, (byte) 255}, MacvlanInterface.virtualMac(255, AddressFamily.IPV6));
        assertEquals("00:00:5e:00:01:33", MacvlanInterface.format(MAC));
    }

    @Test
    void noMacvlanInTheKernelNamesTheModuleAndTheContainerCase() {
        IOException e = MacvlanInterface.explain(new ErrnoException("create macvlan", LinuxConstants.EOPNOTSUPP,
                "kernel says: Unknown device type"), BASE, MAC, "create macvlan vrrp.51 on eth0");
        assertTrue(e.getMessage().contains("this kernel cannot create macvlan interfaces"), e.getMessage());
        assertTrue(e.getMessage().contains("modprobe macvlan") && e.getMessage().contains("CONFIG_MACVLAN"),
                e.getMessage());
        assertTrue(e.getMessage().contains("in a container, load it on the host"), e.getMessage());
        assertTrue(e.getMessage().contains("Unknown device type"), "the kernel's own words: " + e.getMessage());
    }

    @Test
    void theMacAlreadyInUseAndMissingPrivilegeAreNamed() {
        IOException busy = MacvlanInterface.explain(new ErrnoException("x", LinuxConstants.EADDRINUSE, null), BASE,
                MAC, "create macvlan vrrp.51 on eth0");
        assertTrue(busy.getMessage().contains("another macvlan on eth0 already has MAC 00:00:5e:00:01:33"),
                busy.getMessage());
        IOException perm = MacvlanInterface.explain(new ErrnoException("x", LinuxConstants.EPERM, null), BASE, MAC,
                "create macvlan vrrp.51 on eth0");
        assertTrue(perm.getMessage().contains("needs CAP_NET_ADMIN"), perm.getMessage());
        ErrnoException other = new ErrnoException("x", LinuxConstants.EINVAL, null);
        assertSame(other, MacvlanInterface.explain(other, BASE, MAC, "op"));
    }
}
