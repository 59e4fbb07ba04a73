package org.vrrp.runtime;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.InstanceSpec;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.VirtualAddress;

/**
 * What {@link RouterEngine#start} does with the VIPs before any socket opens: takes off those a
 * killed run of this library left (and only those: the stack tells them by their mark), refuses a VIP
 * that is already an address of the host while the instance is not its owner, and warns, once, about
 * settings the kernel would accept but that are almost surely mistakes.
 *
 * <p>Stateless; called on the protocol thread.
 */
final class StartupAddresses {
    private static final Logger LOG = LoggerFactory.getLogger("org.vrrp");

    private StartupAddresses() {
    }

    static void prepare(List<InstanceSpec> specs, NetworkStack stack) throws IOException {
        for (InstanceSpec spec : specs) {
            if (spec.protocol().isOwner()) {
                continue; // an owner's virtual address is its own real address: never "stale"
            }
            for (VirtualAddress vip : spec.protocol().managedAddresses()) {
                if (!stack.hasAddress(vip)) {
                    continue;
                }
                if (!stack.addedByVrrp(vip)) {
                    throw new IllegalArgumentException("instance \"" + spec.name() + "\": vip " + vip + " is already"
                            + " an address of " + vip.device() + " (" + vip.address().getHostAddress() + ", which no VRRP"
                            + " router added: the interface's own address, or one added by hand or by another program);"
                            + " a backup would take it off the host. Choose an unused address for vip(...), or, if this"
                            + " host owns it, use priority(255)");
                }
                LOG.warn("({}) removing {} left on the interface by a previous run", spec.name(), vip);
                stack.removeAddress(vip);
            }
        }
        Map<String, List<VirtualAddress>> byDevice = new HashMap<>();
        for (InstanceSpec spec : specs) {
            for (VirtualAddress vip : spec.protocol().managedAddresses()) {
                // A VIP on the instance's virtual MAC interface belongs to the subnets of the interface under it.
                String device = spec.virtualMac() != null && vip.device().equals(spec.virtualMac().interfaceName())
                        ? spec.protocol().interfaceName() : vip.device();
                List<VirtualAddress> own = byDevice.get(device);
                if (own == null) {
                    own = stack.interfaceAddresses(device);
                    byDevice.put(device, own);
                }
                warnAboutPlan(spec, vip, own, stack);
            }
        }
    }

    /** The two warnings of docs/api.md: a VIP in no subnet of its interface, and 255 without owning it. */
    private static void warnAboutPlan(InstanceSpec spec, VirtualAddress vip, List<VirtualAddress> interfaceAddresses,
                                      NetworkStack stack) throws IOException {
        if (interfaceAddresses.isEmpty()) {
            return; // the adapter cannot tell
        }
        boolean owned = interfaceAddresses.stream().anyMatch(a -> a.address().equals(vip.address()))
                && !stack.addedByVrrp(vip);
        if (spec.protocol().isOwner() && !owned) {
            LOG.warn("({}) priority 255 says this host owns its addresses, but vip {} is not an address of {}: an"
                    + " owner takes over at once and preempts every other router (RFC 9568 reserves 255 for the"
                    + " owner). Use priority(254) or lower, or make it an address of {}", spec.name(),
                    vip.address().getHostAddress(), vip.device(), vip.device());
        }
        boolean inSubnet = interfaceAddresses.stream().anyMatch(a -> !a.address().equals(vip.address())
                && sameSubnet(a, vip.address()));
        if (!inSubnet && !owned) {
            LOG.warn("({}) vip {} is outside every subnet of {} ({}): hosts on that link will not send to it"
                    + " without a route; check the address, or add it on the interface it belongs to with"
                    + " vip(address, device)", spec.name(), vip, vip.device(),
                    interfaceAddresses.stream().map(a -> a.address().getHostAddress() + "/" + a.prefixLength()).toList());
        }
    }

    /** Whether {@code address} lies in {@code network}'s prefix (same family only). */
    static boolean sameSubnet(VirtualAddress network, InetAddress address) {
        byte[] n = network.address().getAddress();
        byte[] a = address.getAddress();
        if (n.length != a.length) {
            return false;
        }
        int bits = n.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(network.prefixLength()).not();
        return new BigInteger(1, n).and(mask).equals(new BigInteger(1, a).and(mask));
    }
}
