package org.vrrp.config.keepalived;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.VirtualAddress;

/**
 * One entry of {@code virtual_ipaddress} or {@code virtual_ipaddress_excluded}. Immutable and
 * thread-safe.
 *
 * @param address      the address
 * @param prefixLength the {@code /prefix} written, or 32 / 128 when none was (keepalived adds such an
 *                     address as a host address)
 * @param device       {@code dev IFNAME} if given; otherwise the instance's interface
 * @param location     where the entry was written
 */
public record VirtualIpAddress(InetAddress address, int prefixLength, Optional<String> device,
                               SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param address the address
     * @param prefixLength the {@code /prefix} written, or 32 / 128 when none was (keepalived adds such an address as a host address)
     * @param device {@code dev IFNAME} if given; otherwise the instance's interface
     * @param location where the entry was written
     */
    public VirtualIpAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
    }

    /**
     * IPv4 or IPv6.
     *
     * @return the family
     */
    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /**
     * The address as the network SPI takes it: on {@code device}, else on {@code defaultDevice}.
     *
     * @param defaultDevice the default device
     * @return the address as the network SPI takes it: on {@code device}, else on {@code defaultDevice}
     */
    public VirtualAddress toVirtualAddress(String defaultDevice) {
        return new VirtualAddress(address, prefixLength, device.orElse(defaultDevice));
    }

    /** {@code 192.0.2.1/24 dev eth0}. */
    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + device.map(d -> " dev " + d).orElse("");
    }
}
