package org.vrrp.linux;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.linux.NetlinkMessages.Address;
import org.vrrp.linux.NetlinkMessages.Link;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.VirtualMacInterface;

/**
 * A virtual router's MAC on Linux: a macvlan in bridge mode on the instance's interface, with MAC
 * 00:00:5e:00:01:VRID (IPv4) or 00:00:5e:00:02:VRID (IPv6), made and removed through rtnetlink.
 *
 * <p>Inactive means IFLA_PROTO_DOWN (as FRR does): the carrier is off, so the kernel sends nothing through it, not
 * an ARP reply, not an advert, while it keeps its addresses; the base interface is untouched. Settings, all on the
 * macvlan, which this class created (docs/operations.md): IPv6 address generation none (a link-local made from the
 * virtual MAC would be the same on every router and fail duplicate detection; an IPv6 instance gets the base's
 * link-local instead, without DAD, so adverts keep the source they have without virtual MAC), {@code arp_ignore=1}
 * (it answers only for the VIPs, never for the base's addresses, which would then move to the virtual MAC), and
 * {@code rp_filter=0} (replies to clients leave through the base, so strict reverse-path filtering would drop every
 * packet that arrives on the macvlan). The base gets {@link BaseArpSettings}.
 *
 * <p>Start after a kill -9: an interface of the name that is a macvlan on the same base with the virtual MAC is
 * taken over as it is (with any VIPs the killed run left, which the router then removes as its own); an interface
 * of the name that is anything else is an error and is never deleted.
 *
 * <p>Thread-safety: one caller at a time (the router's protocol thread); {@link #close} is idempotent.
 */
final class MacvlanInterface implements VirtualMacInterface {
    private static final Logger LOG = LoggerFactory.getLogger(MacvlanInterface.class);
    private static final int MAX_NAME_LENGTH = 15; // IFNAMSIZ - 1
    /** How long activate() waits for the kernel to give the interface its queue: far more than it takes. */
    private static final long RUNNING_WAIT_NANOS = 50_000_000;
    private static final long RUNNING_POLL_NANOS = 100_000;

    private final NetworkNamespace namespace;
    private final RtNetlink rtnetlink;
    private final String name;
    private final int index;
    private final String base;
    private final boolean ipv4;
    private Boolean active; // null: unknown (taken over), so the first call always tells the kernel
    private boolean closed;

    private MacvlanInterface(NetworkNamespace namespace, RtNetlink rtnetlink, String name, int index, String base,
                             boolean ipv4) {
        this.namespace = namespace;
        this.rtnetlink = rtnetlink;
        this.name = name;
        this.index = index;
        this.base = base;
        this.ipv4 = ipv4;
    }

    /** The MAC of a virtual router (RFC 9568 7.3). */
    static byte[] virtualMac(int vrid, AddressFamily family) {
        return new byte[] {0, 0, 0x5e, 0, (byte) (family == AddressFamily.IPV4 ? 1 : 2), (byte) vrid};
    }

    /**
     * Creates the macvlan, or takes over the one a killed run left, and leaves it inactive and configured. On
     * failure nothing this call created is left behind.
     *
     * @param baseLinkLocal for IPv6: the base's link-local address, given to the macvlan; null for IPv4
     */
    static MacvlanInterface open(NetworkNamespace namespace, RtNetlink rtnetlink, Link base, String name, int vrid,
                                 AddressFamily family, byte[] baseLinkLocal) throws IOException {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.contains("/") || name.contains(" ")) {
            throw new IllegalArgumentException("virtual MAC interface name \"" + name + "\" is not a valid interface"
                    + " name: 1 to " + MAX_NAME_LENGTH + " characters, no '/' or space");
        }
        byte[] mac = virtualMac(vrid, family);
        Link existing = find(rtnetlink.links(), name);
        boolean created = false;
        if (existing != null) {
            requireOurs(existing, base, mac, namespace);
            LOG.info("taking over {} in {}: a macvlan on {} with MAC {}, left by an earlier run", name, namespace,
                    base.name(), format(mac));
        } else {
            create(rtnetlink, namespace, base, name, mac);
            created = true;
            existing = find(rtnetlink.links(), name);
            if (existing == null) {
                throw new IOException("macvlan " + name + " vanished right after it was created in " + namespace);
            }
        }
        MacvlanInterface m = new MacvlanInterface(namespace, rtnetlink, name, existing.index(), base.name(),
                family == AddressFamily.IPV4);
        try {
            m.configure(baseLinkLocal);
            if (m.ipv4) {
                BaseArpSettings.acquire(namespace, base.name());
            }
        } catch (IOException | RuntimeException e) {
            if (created) {
                m.delete();
            }
            throw e;
        }
        return m;
    }

    private static void requireOurs(Link existing, Link base, byte[] mac, NetworkNamespace namespace)
            throws IOException {
        boolean ours = "macvlan".equals(existing.kind()) && existing.parentIndex() == base.index()
                && java.util.Arrays.equals(existing.hardwareAddress(), mac);
        if (!ours) {
            throw new IOException("an interface named " + existing.name() + " already exists in " + namespace
                    + " and is not this instance's virtual MAC interface (a macvlan on " + base.name() + " with MAC "
                    + format(mac) + "; it is " + (existing.kind().isEmpty() ? "a device" : "a " + existing.kind())
                    + " with MAC " + format(existing.hardwareAddress()) + "): it is left alone. Choose another name"
                    + " (InstanceBuilder.virtualMacName, keepalived's use_vmac NAME), or remove it if nothing needs it");
        }
    }

    private static void create(RtNetlink rtnetlink, NetworkNamespace namespace, Link base, String name, byte[] mac)
            throws IOException {
        String operation = "create macvlan " + name + " on " + base.name() + " with MAC " + format(mac)
                + " in " + namespace + " (RTM_NEWLINK)";
        try {
            rtnetlink.changeLink(NetlinkMessages.newMacvlanRequest(0, name, base.index(), mac), 0, operation);
        } catch (ErrnoException e) {
            throw explain(e, base, mac, operation);
        }
    }

    /** The causes an operator can act on, in their terms. */
    static IOException explain(ErrnoException e, Link base, byte[] mac, String operation) {
        if (e.errno() == LinuxConstants.EOPNOTSUPP) {
            return new IOException(operation + ": this kernel cannot create macvlan interfaces (" + e.getMessage()
                    + "). Load the module (`modprobe macvlan`; the kernel needs CONFIG_MACVLAN), or, in a container,"
                    + " load it on the host (a container cannot load modules); or turn virtual MAC off", e);
        }
        if (e.errno() == LinuxConstants.EADDRINUSE) {
            return new IOException(operation + ": another macvlan on " + base.name() + " already has MAC "
                    + format(mac) + " (" + e.getMessage() + "): two instances with the same VRID and family on one"
                    + " interface, or an interface left by another program; `ip -d link show` lists it", e);
        }
        if (e.errno() == LinuxConstants.EPERM) {
            return new IOException(operation + ": creating an interface needs CAP_NET_ADMIN (" + e.getMessage() + ")",
                    e);
        }
        return e;
    }

    private void configure(byte[] baseLinkLocal) throws IOException {
        rtnetlink.changeLink(NetlinkMessages.noAddressGenerationRequest(0, index), 0,
                "set addrgenmode none on " + name + " (RTM_NEWLINK)");
        deactivate();
        rtnetlink.changeLink(NetlinkMessages.setUpRequest(0, index, true), 0, "bring " + name + " up (RTM_NEWLINK)");
        InterfaceSysctls.write(namespace, name, "arp_ignore", 1);
        InterfaceSysctls.write(namespace, name, "rp_filter", 0);
        if (InterfaceSysctls.read(namespace, "all", "rp_filter") == 1) {
            LOG.warn("net.ipv4.conf.all.rp_filter=1 (strict) in {} overrides rp_filter=0 on {}: packets to the VIPs"
                    + " arrive on {} while the replies leave through {}, so strict filtering drops them; set"
                    + " net.ipv4.conf.all.rp_filter=2 (loose) or 0 (docs/operations.md)", namespace, name, name, base);
        }
        if (baseLinkLocal != null && !hasAddress(baseLinkLocal)) {
            rtnetlink.addAddress(index, baseLinkLocal, 64, null, "fe80 link-local of " + base + " on " + name);
        }
    }

    private boolean hasAddress(byte[] address) throws IOException {
        List<Address> all = rtnetlink.addresses(LinuxConstants.AF_INET6);
        for (Address a : all) {
            if (a.interfaceIndex() == index && java.util.Arrays.equals(a.address(), address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Clears protodown and returns once the kernel can send through the interface, waiting at most
     * {@link #RUNNING_WAIT_NANOS}. Clearing protodown turns the carrier on, but the device gets its queue only when
     * the kernel's link watch runs (asynchronously, within a millisecond here); until then every frame sent on it is
     * dropped. Without the wait the new master's first advert and gratuitous ARP, the frames that teach the switch
     * and the hosts where the virtual MAC is now, were lost now and then and the switch learnt the MAC from the next
     * advert, one interval later (found by VirtualMacBridgeIT: 1,003 ms).
     */
    @Override
    public void activate() throws IOException {
        boolean wasActive = Boolean.TRUE.equals(active);
        setProtoDown(false);
        if (wasActive) {
            return;
        }
        long deadline = System.nanoTime() + RUNNING_WAIT_NANOS;
        while (!isRunning()) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("{} in {} is not operationally up {} ms after protodown off; sending anyway", name,
                        namespace, RUNNING_WAIT_NANOS / 1_000_000);
                return;
            }
            LockSupport.parkNanos(RUNNING_POLL_NANOS);
        }
    }

    private boolean isRunning() throws IOException {
        for (Link l : rtnetlink.links()) {
            if (l.index() == index) {
                return (l.flags() & LinuxConstants.IFF_RUNNING) != 0;
            }
        }
        throw new IOException("virtual MAC interface " + name + " (index " + index + ") is gone from " + namespace);
    }

    @Override
    public void deactivate() throws IOException {
        setProtoDown(true);
    }

    private void setProtoDown(boolean down) throws IOException {
        if (closed) {
            throw new IOException("virtual MAC interface " + name + " is closed");
        }
        if (active != null && active == !down) {
            return;
        }
        rtnetlink.changeLink(NetlinkMessages.protoDownRequest(0, index, down), 0,
                "set protodown " + (down ? "on" : "off") + " on " + name + " (RTM_NEWLINK)");
        active = !down;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        delete();
        if (ipv4) {
            BaseArpSettings.release(namespace, base);
        }
    }

    private void delete() {
        try {
            rtnetlink.changeLink(NetlinkMessages.deleteLinkRequest(0, index), LinuxConstants.ENODEV,
                    "remove " + name + " (RTM_DELLINK)");
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the virtual MAC interface {} in {}: {}", name, namespace, e.getMessage());
        }
    }

    private static Link find(List<Link> links, String name) {
        for (Link l : links) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    @Override
    public String toString() {
        return name + "@" + base;
    }
}
