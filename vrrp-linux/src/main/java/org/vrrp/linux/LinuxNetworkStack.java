package org.vrrp.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.linux.NetlinkMessages.Address;
import org.vrrp.linux.NetlinkMessages.Link;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VirtualMacInterface;
import org.vrrp.spi.VrrpChannel;

/**
 * The Linux network stack of one router, in one network namespace: raw VRRP sockets, an rtnetlink
 * request socket for addresses and interface lookups, a netlink socket for link notifications, and the
 * sockets for gratuitous ARP and neighbor advertisements. Every socket is created inside the stack's
 * namespace ({@link NetworkNamespace}); interfaces are looked up through its netlink socket, never
 * with if_nametoindex, which would look in the caller's namespace.
 *
 * <p>Addresses: every VIP is added with IFA_PROTO {@link LinuxConstants#IFAPROT_VRRP}, and only an
 * address that carries this mark is ever removed, so the host's own addresses, and anything added by
 * hand or by another program, are never touched, and a restarted process still recognises what a
 * killed one left. A kernel before 5.18 drops the mark without a word; there only the addresses this
 * stack itself created are removed, and leftovers of a killed process are not recognised (docs/linux.md).
 *
 * <p>Threads: one I/O thread ({@link IoLoop}) reads every socket and calls packet handlers and link
 * listeners. Methods may be called from any thread; the SPI calls them from the protocol thread.
 */
final class LinuxNetworkStack implements NetworkStack {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxNetworkStack.class);

    private final NetworkNamespace namespace;
    private final RtNetlink rtnetlink;
    private final IoLoop loop;
    private final LinkWatcher linkWatcher;
    private final Announcer announcer;
    private final List<RawVrrpChannel> channels = new ArrayList<>(); // guarded by itself
    private final boolean kernelKeepsMark = KernelRelease.running().keepsAddressProtocol();
    /** "ifindex address" of each address this stack created (RTM_NEWADDR answered 0, not EEXIST). */
    private final Set<String> createdHere = ConcurrentHashMap.newKeySet();
    /** Addresses already logged as left alone, so that each is said once. */
    private final Set<String> leftAlone = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /**
     * The links by name from the last dump, or null once any link notification has come since (guarded by
     * {@link #linkLock}). Saves a dump per address change and per gratuitous ARP on the takeover path.
     */
    private Map<String, Link> linkCache;
    private long linkGeneration;
    private final Object linkLock = new Object();

    private LinuxNetworkStack(NetworkNamespace namespace, RtNetlink rtnetlink, int linkFd, int eventFd,
                              Announcer.Sockets announcerSockets) {
        this.namespace = namespace;
        this.rtnetlink = rtnetlink;
        this.loop = new IoLoop("vrrp-io-" + (namespace.name() == null ? "default" : namespace.name()), eventFd);
        this.linkWatcher = new LinkWatcher(linkFd, loop, rtnetlink::links, this::linksChanged);
        this.announcer = new Announcer(namespace, announcerSockets);
    }

    /** The descriptors a stack needs from the start, created together so a failure leaks none. */
    private record Sockets(RtNetlink rtnetlink, int linkFd, int eventFd, Announcer.Sockets announcer) {
    }

    /**
     * Opens a stack in the named namespace (null: the JVM's). On failure nothing is left behind: no
     * descriptor, no thread.
     */
    static LinuxNetworkStack open(String namespaceName) throws IOException {
        NetworkNamespace namespace = namespaceName == null ? NetworkNamespace.current()
                : NetworkNamespace.named(namespaceName);
        Sockets sockets = namespace.run(() -> {
            RtNetlink rtnetlink = RtNetlink.open();
            int linkFd = -1;
            int eventFd = -1;
            try {
                linkFd = LinkWatcher.openSocket();
                eventFd = Native.eventfd();
                // Last: nothing after it can fail, so these two never leak.
                return new Sockets(rtnetlink, linkFd, eventFd, Announcer.openSockets());
            } catch (IOException | RuntimeException e) {
                Native.close(linkFd);
                Native.close(eventFd);
                rtnetlink.close();
                throw e;
            }
        });
        LinuxNetworkStack stack = new LinuxNetworkStack(namespace, sockets.rtnetlink(), sockets.linkFd(),
                sockets.eventFd(), sockets.announcer());
        stack.warmUpTakeover();
        return stack;
    }

    /**
     * Runs the stack's part of a takeover once without I/O ({@link TakeoverWarmUp}, and an empty batch of address
     * adds, which sends nothing), so that a backup's first takeover is as quick as a later one.
     */
    private void warmUpTakeover() {
        try {
            TakeoverWarmUp.run();
        } catch (RuntimeException e) {
            LOG.warn("could not warm the takeover path at start; the first takeover may take a few ms longer", e);
        }
        addAddresses(List.of(), new AddOutcome() {
            @Override
            public void done(VirtualAddress address, boolean added) {
            }

            @Override
            public void failed(VirtualAddress address, IOException failure) {
            }
        });
    }

    /** The I/O thread becomes {@code vrrp-<routerName>-io}; until then it is named after the namespace. */
    @Override
    public void nameThreads(String routerName) {
        loop.rename("vrrp-" + routerName + "-io");
    }

    /** sched_setscheduler(2) on the calling thread; see {@link Native#setCurrentThreadScheduler}. */
    @Override
    public void setThreadRealtimePriority(int realtimePriority) throws IOException {
        Native.setCurrentThreadScheduler(realtimePriority);
    }

    @Override
    public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                   PacketHandler handler) throws IOException {
        return openChannel(interfaceName, family, unicastPeers, null, handler);
    }

    @Override
    public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                   InetAddress sourceAddress, PacketHandler handler) throws IOException {
        return openChannel(interfaceName, null, family, unicastPeers, sourceAddress, handler);
    }

    /**
     * With a {@code transmitInterface} (a virtual MAC interface) the channel has two sockets: the one on
     * {@code interfaceName} receives (a backup's macvlan is inactive and hears nothing), a send-only one bound to
     * {@code transmitInterface} sends, so that adverts carry the virtual MAC. Both use the base's address.
     */
    @Override
    public VrrpChannel openChannel(String interfaceName, String transmitInterface, AddressFamily family,
                                   List<InetAddress> unicastPeers, InetAddress sourceAddress, PacketHandler handler)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        checkOpen();
        Link link = requireLink(interfaceName);
        for (InetAddress peer : unicastPeers) {
            if (AddressFamily.of(peer) != family) {
                throw new IllegalArgumentException("unicast peer " + peer.getHostAddress() + " is not " + family);
            }
        }
        InetAddress local = sourceAddress != null ? requireOwnAddress(link, family, sourceAddress)
                : family == AddressFamily.IPV4 ? primaryIpv4(link) : linkLocalIpv6(link);
        RawVrrpChannel.Endpoint endpoint = new RawVrrpChannel.Endpoint(interfaceName, link.index(), local,
                List.copyOf(unicastPeers), sourceAddress != null);
        RawVrrpChannel.Endpoint sendEndpoint = transmitInterface == null || transmitInterface.equals(interfaceName)
                ? null : endpoint.sendingThrough(transmitInterface, requireLink(transmitInterface).index());
        int fd = namespace.run(() -> openSocket(endpoint));
        RawVrrpChannel.Transmit transmit = null;
        RawVrrpChannel channel;
        try {
            if (sendEndpoint != null) {
                transmit = new RawVrrpChannel.Transmit(transmitInterface, sendEndpoint.interfaceIndex(),
                        namespace.run(() -> openSocket(sendEndpoint)));
            }
            channel = family == AddressFamily.IPV4
                    ? new Ipv4VrrpChannel(endpoint, fd, transmit, loop, handler, this::forget)
                    : new Ipv6VrrpChannel(endpoint, fd, transmit, loop, handler, this::forget);
        } catch (IOException | RuntimeException e) {
            Native.close(fd); // never registered with the loop, so nobody polls it
            if (transmit != null) {
                Native.close(transmit.fd());
            }
            throw e;
        }
        synchronized (channels) {
            channels.add(channel);
        }
        channel.start();
        if (closed) { // close() ran meanwhile and did not see this channel
            channel.close();
            checkOpen();
        }
        return channel;
    }

    private static int openSocket(RawVrrpChannel.Endpoint endpoint) throws ErrnoException {
        return AddressFamily.of(endpoint.localAddress()) == AddressFamily.IPV4
                ? Ipv4VrrpChannel.openSocket(endpoint) : Ipv6VrrpChannel.openSocket(endpoint);
    }

    /** A macvlan in bridge mode on {@code baseInterface}; see {@link MacvlanInterface}. */
    @Override
    public VirtualMacInterface openVirtualMac(String baseInterface, String name, int vrid, AddressFamily family)
            throws IOException {
        checkOpen();
        Link base = requireLink(baseInterface);
        byte[] linkLocal = family == AddressFamily.IPV6 ? linkLocalIpv6(base).getAddress() : null;
        try {
            return MacvlanInterface.open(namespace, rtnetlink, base, name, vrid, family, linkLocal);
        } finally {
            // It may have deleted a leftover link of that name and created another (a new index): the cache must
            // not answer for that name before the I/O thread has read the notifications.
            linksChanged();
        }
    }

    private void forget(RawVrrpChannel channel) {
        synchronized (channels) {
            channels.remove(channel);
        }
    }

    /**
     * RTM_NEWADDR with our mark; the kernel's EEXIST means someone else's address (or one already there), which
     * this answers as false without reading the addresses: the takeover path makes one round trip per batch.
     */
    @Override
    public boolean addAddress(VirtualAddress address) throws IOException {
        checkOpen();
        Link link = requireLink(address.device());
        boolean created = rtnetlink.addAddress(link.index(), address.address().getAddress(), address.prefixLength(),
                address.label(), address.toString());
        if (created) {
            createdHere.add(key(link, address));
        }
        return created;
    }

    /** All in one netlink send (one round trip; the links usually from the cache), see {@link RtNetlink#addAddresses}. */
    @Override
    public void addAddresses(List<VirtualAddress> addresses, AddOutcome outcome) {
        List<VirtualAddress> sent = new ArrayList<>(addresses.size());
        List<Link> sentLinks = new ArrayList<>(addresses.size());
        List<RtNetlink.AddressAdd> adds = new ArrayList<>(addresses.size());
        for (VirtualAddress a : addresses) {
            Link link;
            try {
                checkOpen();
                link = requireLink(a.device());
            } catch (IOException e) {
                outcome.failed(a, e);
                continue;
            }
            sent.add(a);
            sentLinks.add(link);
            adds.add(new RtNetlink.AddressAdd(link.index(), a.address().getAddress(), a.prefixLength(), a.label(),
                    a.toString()));
        }
        boolean[] told = new boolean[sent.size()];
        try {
            rtnetlink.addAddresses(adds, new RtNetlink.BatchResults() {
                @Override
                public void done(int index, boolean created) {
                    told[index] = true;
                    if (created) {
                        createdHere.add(key(sentLinks.get(index), sent.get(index)));
                    }
                    outcome.done(sent.get(index), created);
                }

                @Override
                public void failed(int index, ErrnoException failure) {
                    told[index] = true;
                    outcome.failed(sent.get(index), failure);
                }
            });
        } catch (ErrnoException | RuntimeException e) {
            // The batch could not be sent or its acks not read: those not yet told failed with it.
            IOException failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            for (int i = 0; i < told.length; i++) {
                if (!told[i]) {
                    outcome.failed(sent.get(i), failure);
                }
            }
        }
    }

    /**
     * Removes the address only if a router of this library added it (it carries our IFA_PROTO mark, or,
     * on a kernel that drops the mark, this stack created it); any other address of that value is left.
     */
    @Override
    public void removeAddress(VirtualAddress address) throws IOException {
        checkOpen();
        Link link = requireLink(address.device());
        Address existing = ownKernelAddress(link, address);
        if (existing == null) {
            existing = kernelAddress(link, address);
        }
        if (existing == null) {
            return;
        }
        if (!isOurs(link, existing, address)) {
            logLeftAlone(link, address, "no VRRP router added it (the interface's own address, or one added by hand"
                    + " or by another program)");
            return;
        }
        // The kernel's prefix length, in case it differs from ours: RTM_DELADDR matches on it.
        rtnetlink.removeAddress(link.index(), address.address().getAddress(), existing.prefixLength(),
                address.toString());
        createdHere.remove(key(link, address));
    }

    /** True if the kernel has the address on the device, whatever its prefix length. */
    @Override
    public boolean hasAddress(VirtualAddress address) throws IOException {
        checkOpen();
        return kernelAddress(requireLink(address.device()), address) != null;
    }

    @Override
    public boolean addedByVrrp(VirtualAddress address) throws IOException {
        checkOpen();
        Link link = requireLink(address.device());
        Address existing = kernelAddress(link, address);
        return existing != null && isOurs(link, existing, address);
    }

    @Override
    public List<VirtualAddress> interfaceAddresses(String interfaceName) throws IOException {
        checkOpen();
        Link link = requireLink(interfaceName);
        List<VirtualAddress> out = new ArrayList<>();
        for (int family : new int[] {LinuxConstants.AF_INET, LinuxConstants.AF_INET6}) {
            for (Address a : rtnetlink.addresses(family)) {
                if (a.interfaceIndex() == link.index() && (a.address().length == 4 || a.address().length == 16)) {
                    out.add(new VirtualAddress(SocketAddresses.fromBytes(a.address()), a.prefixLength(), interfaceName));
                }
            }
        }
        return out;
    }

    private Address kernelAddress(Link link, VirtualAddress address) throws IOException {
        byte[] wanted = address.address().getAddress();
        for (Address a : rtnetlink.addresses(familyConstant(address.family()))) {
            if (a.interfaceIndex() == link.index() && Arrays.equals(a.address(), wanted)) {
                return a;
            }
        }
        return null;
    }

    /**
     * The address of that value on the device that a router of this library added, or null. An IPv4 address of
     * the same value but another prefix length is a separate kernel address (RTM_NEWADDR does not answer EEXIST
     * for it), so the host's own and ours can both be there: removal must find ours, not the first.
     */
    private Address ownKernelAddress(Link link, VirtualAddress address) throws IOException {
        byte[] wanted = address.address().getAddress();
        for (Address a : rtnetlink.addresses(familyConstant(address.family()))) {
            if (a.interfaceIndex() == link.index() && Arrays.equals(a.address(), wanted)
                    && (kernelKeepsMark ? a.markedAsVrrp() : a.prefixLength() == address.prefixLength()
                            && createdHere.contains(key(link, address)))) {
                return a;
            }
        }
        return null;
    }

    private boolean isOurs(Link link, Address existing, VirtualAddress address) {
        return kernelKeepsMark ? existing.markedAsVrrp() : createdHere.contains(key(link, address));
    }

    private void logLeftAlone(Link link, VirtualAddress address, String why) {
        if (leftAlone.add(key(link, address))) {
            LOG.info("leaving {} on {} in {}: {}", address.address().getHostAddress(), link.name(), namespace, why);
        }
    }

    private static String key(Link link, VirtualAddress address) {
        return link.index() + " " + address.address().getHostAddress();
    }

    @Override
    public void announce(VirtualAddress address) throws IOException {
        checkOpen();
        Link link = requireLink(address.device());
        byte[] mac = link.hardwareAddress();
        if (mac.length != 6) {
            throw new IOException("cannot announce " + address + ": interface " + link.name()
                    + " has no Ethernet address (its link-layer address is " + mac.length + " bytes)");
        }
        if (address.family() == AddressFamily.IPV4) {
            announcer.gratuitousArp(link.name(), link.index(), mac, address.address().getAddress());
        } else {
            announcer.unsolicitedNeighborAdvert(link.name(), link.index(), mac, address.address().getAddress());
        }
    }

    @Override
    public boolean watchLink(String interfaceName, LinkListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return linkWatcher.watch(interfaceName, listener, this::noSuchInterface);
    }

    @Override
    public boolean interfaceExists(String interfaceName) {
        try {
            return findLink(rtnetlink.links(), interfaceName) != null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot list interfaces in {}: {}", namespace, e.getMessage());
            return false;
        }
    }

    /**
     * The link of that name: from the cache, or from a fresh dump that then becomes the cache unless a link
     * notification came meanwhile. A link that changes (address, index, name) is dropped from use as soon as the
     * I/O thread has read its notification.
     */
    private Link requireLink(String interfaceName) throws IOException {
        long generation;
        synchronized (linkLock) {
            Link cached = linkCache == null ? null : linkCache.get(interfaceName);
            if (cached != null) {
                return cached;
            }
            generation = linkGeneration;
        }
        Map<String, Link> fresh = new HashMap<>();
        for (Link l : rtnetlink.links()) {
            fresh.put(l.name(), l);
        }
        synchronized (linkLock) {
            if (linkGeneration == generation) {
                linkCache = fresh;
            }
        }
        Link link = fresh.get(interfaceName);
        if (link == null) {
            throw noSuchInterface(interfaceName);
        }
        return link;
    }

    /** I/O thread: a link notification arrived (any link, any change), so the cache may be stale. */
    private void linksChanged() {
        synchronized (linkLock) {
            linkGeneration++;
            linkCache = null;
        }
    }

    private static Link findLink(List<Link> links, String name) {
        for (Link l : links) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    private IOException noSuchInterface(String interfaceName) throws IOException {
        String existing = rtnetlink.links().stream().map(Link::name).sorted().collect(Collectors.joining(", "));
        return new IOException("no interface named '" + interfaceName + "' in " + namespace
                + "; interfaces there: " + existing);
    }

    /** {@code source} if it is an address of the interface (keepalived's unicast_src_ip), else an error saying so. */
    private InetAddress requireOwnAddress(Link link, AddressFamily family, InetAddress source) throws IOException {
        if (AddressFamily.of(source) != family) {
            throw new IllegalArgumentException("source address " + source.getHostAddress() + " is not " + family);
        }
        int af = family == AddressFamily.IPV4 ? LinuxConstants.AF_INET : LinuxConstants.AF_INET6;
        for (Address a : rtnetlink.addresses(af)) {
            if (a.interfaceIndex() == link.index() && java.util.Arrays.equals(a.address(), source.getAddress())) {
                return source;
            }
        }
        throw new IOException("source address " + source.getHostAddress() + " is not an address of " + link.name()
                + " in " + namespace + ": adverts can only be sent from an address of the interface; add it (e.g. `ip"
                + " addr add " + source.getHostAddress() + "/" + (family == AddressFamily.IPV4 ? 24 : 64) + " dev "
                + link.name() + "`) or change unicast_src_ip");
    }

    /** The first primary (not secondary) IPv4 address of the interface: what the kernel sends from. */
    private InetAddress primaryIpv4(Link link) throws IOException {
        for (Address a : rtnetlink.addresses(LinuxConstants.AF_INET)) {
            if (a.interfaceIndex() == link.index() && (a.flags() & LinuxConstants.IFA_F_SECONDARY) == 0
                    && a.address().length == 4) {
                return SocketAddresses.fromBytes(a.address());
            }
        }
        throw new IOException("interface " + link.name() + " in " + namespace + " has no IPv4 address; VRRP over"
                + " IPv4 sends from the interface's primary address: add one (e.g. `ip addr add 192.0.2.1/24 dev "
                + link.name() + "`)");
    }

    /**
     * The interface's own IPv6 link-local address, preferring one that has passed duplicate detection.
     * Virtual addresses are added with IFA_F_NODAD and the kernel's own link-local never is, so a
     * link-local VIP (ours, or one a crashed run left) is taken only when there is nothing else.
     */
    private InetAddress linkLocalIpv6(Link link) throws IOException {
        Address tentative = null;
        Address withoutDad = null;
        for (Address a : rtnetlink.addresses(LinuxConstants.AF_INET6)) {
            byte[] b = a.address();
            boolean linkLocal = b.length == 16 && (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80;
            if (a.interfaceIndex() != link.index() || !linkLocal
                    || (a.flags() & LinuxConstants.IFA_F_DADFAILED) != 0) {
                continue;
            }
            if ((a.flags() & LinuxConstants.IFA_F_NODAD) != 0) {
                withoutDad = withoutDad == null ? a : withoutDad;
            } else if ((a.flags() & LinuxConstants.IFA_F_TENTATIVE) == 0) {
                return SocketAddresses.fromBytes(b);
            } else {
                tentative = a;
            }
        }
        if (tentative == null && withoutDad != null) {
            return SocketAddresses.fromBytes(withoutDad.address());
        }
        if (tentative != null) {
            LOG.warn("the link-local address of {} is still tentative (duplicate address detection);"
                    + " sends fail until it completes", link.name());
            return SocketAddresses.fromBytes(tentative.address());
        }
        throw new IOException("interface " + link.name() + " in " + namespace + " has no IPv6 link-local address;"
                + " VRRP over IPv6 sends from it: bring the link up with IPv6 enabled"
                + " (sysctl net.ipv6.conf." + link.name() + ".disable_ipv6=0)");
    }

    private static int familyConstant(AddressFamily family) {
        return family == AddressFamily.IPV4 ? LinuxConstants.AF_INET : LinuxConstants.AF_INET6;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("the network stack for " + namespace + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RawVrrpChannel> open;
        synchronized (channels) {
            open = List.copyOf(channels);
        }
        for (RawVrrpChannel c : open) {
            c.close(); // waits for a send in progress, then hands the descriptor to the loop
        }
        loop.close(); // the I/O thread closes every descriptor it polls as it leaves
        announcer.close();
        rtnetlink.close();
    }

    @Override
    public String toString() {
        return "LinuxNetworkStack[" + namespace + "]";
    }
}
