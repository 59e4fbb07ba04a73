package org.vrrp;

import java.util.Objects;

/**
 * An instance's virtual MAC (RFC 9568 7.3, keepalived's {@code use_vmac}): the interface that carries
 * 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6), on which the instance's VIPs live. Set with
 * {@link InstanceBuilder#virtualMac(boolean)}; immutable.
 *
 * @param interfaceName       the virtual MAC interface's name, by default {@code vrrp.VRID}
 * @param transmitThroughBase true: adverts leave through the base interface with its own MAC (keepalived's
 *                            {@code vmac_xmit_base}); false: through the virtual MAC interface, so their Ethernet
 *                            source is the virtual MAC and switches learn the master's port from them
 */
public record VirtualMac(String interfaceName, boolean transmitThroughBase) {
    /**
     * Checks the name.
     *
     * @param interfaceName the virtual MAC interface's name
     * @param transmitThroughBase whether adverts leave through the base interface
     */
    public VirtualMac {
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    /**
     * keepalived's default name of the virtual MAC interface.
     *
     * @param vrid the virtual router id
     * @return {@code vrrp.VRID}
     */
    public static String defaultName(int vrid) {
        return "vrrp." + vrid;
    }
}
