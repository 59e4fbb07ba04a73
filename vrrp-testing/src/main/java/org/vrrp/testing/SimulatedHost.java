package org.vrrp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vrrp.VrrpRouter;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.ReceivedPacket;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VirtualMacInterface;
import org.vrrp.spi.VrrpChannel;

/**
 * A host on a {@link SimulatedLan}: interfaces on segments, an address table, and the
 * {@link NetworkStack} its routers use. Not thread-safe.
 */
public final class SimulatedHost {
    private final SimulatedLan lan;
    private final String name;
    private final Map<String, Interface> interfaces = new LinkedHashMap<>();
    private final Set<VirtualAddress> addresses = new LinkedHashSet<>();
    private final List<VirtualAddress> announcements = new ArrayList<>();
    /** Virtual MAC interfaces by name: whether each is active. */
    private final Map<String, Boolean> virtualMacs = new LinkedHashMap<>();
    /** What happened to virtual MAC interfaces and the addresses on them, in order. */
    private final List<String> virtualMacEvents = new ArrayList<>();

    SimulatedHost(SimulatedLan lan, String name) {
        this.lan = lan;
        this.name = name;
    }

    /** @return the host's name */
    public String name() {
        return name;
    }

    /**
     * Adds an interface on a segment with a primary IPv4 address and a link-local IPv6 address
     * derived from the host and interface numbers.
     *
     * @param interfaceName the interface name
     * @param segment the segment
     * @param ipv4 the IPv4
     * @return this host
     */
    public SimulatedHost attach(String interfaceName, String segment, String ipv4) {
        int hostNo = lan.hostIndex(this);
        return attach(interfaceName, segment, ipv4, "fe80::" + Integer.toHexString(hostNo + 1) + ":"
                + Integer.toHexString(interfaces.size() + 1));
    }

    /**
     * Adds an interface with the given primary IPv4 address and IPv6 link-local address (either may be null).
     *
     * @param interfaceName the interface name
     * @param segment the segment
     * @param ipv4 the IPv4
     * @param ipv6LinkLocal the IPv6 link local
     * @return this host
     */
    public SimulatedHost attach(String interfaceName, String segment, String ipv4, String ipv6LinkLocal) {
        if (interfaces.containsKey(interfaceName)) {
            throw new IllegalArgumentException(name + " already has interface " + interfaceName);
        }
        interfaces.put(interfaceName, new Interface(interfaceName, segment,
                ipv4 == null ? null : parse(ipv4), ipv6LinkLocal == null ? null : parse(ipv6LinkLocal)));
        return this;
    }

    /**
     * Starts a router on this host; its listeners run on the simulation's thread.
     *
     * @param builder the builder
     * @return the started router
     */
    public SimulatedRouter start(VrrpRouter.Builder builder) {
        return lan.startRouter(this, builder);
    }

    /**
     * The addresses routers have added here and not removed.
     *
     * @return the addresses routers have added here and not removed
     */
    public Set<VirtualAddress> addresses() {
        return Set.copyOf(addresses);
    }

    /**
     * Every gratuitous ARP / unsolicited NA sent from this host, in order.
     *
     * @return every gratuitous ARP / unsolicited NA sent from this host, in order
     */
    public List<VirtualAddress> announcements() {
        return List.copyOf(announcements);
    }

    /**
     * Whether the virtual MAC interface of this name is active (answers and sends with the virtual MAC).
     *
     * @param name the interface name, e.g. {@code vrrp.51}
     * @return true or false, or null when the host has no such interface
     */
    public Boolean virtualMacActive(String name) {
        return virtualMacs.get(name);
    }

    /**
     * What happened to the virtual MAC interfaces, in order: {@code create NAME}, {@code activate NAME},
     * {@code deactivate NAME}, {@code remove NAME}, and {@code add ADDRESS NAME} / {@code del ADDRESS NAME} for the
     * addresses put on them.
     *
     * @return the events so far
     */
    public List<String> virtualMacEvents() {
        return List.copyOf(virtualMacEvents);
    }

    /**
     * Puts an address on the host as if a previous run had crashed and left it there.
     *
     * @param address the address
     * @param prefixLength the prefix length
     * @param device the device
     */
    public void leaveAddress(String address, int prefixLength, String device) {
        addresses.add(new VirtualAddress(parse(address), prefixLength, device));
    }

    /** Whether the simulated kernel has the address: a VIP a router added, or an interface's own address. */
    boolean holds(InetAddress a) {
        for (VirtualAddress v : addresses) {
            if (v.address().equals(a)) {
                return true;
            }
        }
        for (Interface itf : interfaces.values()) {
            if (itf.ownAddresses.contains(a)) {
                return true;
            }
        }
        return false;
    }

    Interface iface(String interfaceName) {
        Interface itf = interfaces.get(interfaceName);
        if (itf == null) {
            throw new IllegalArgumentException(name + " has no interface " + interfaceName + "; it has "
                    + interfaces.keySet());
        }
        return itf;
    }

    List<Interface> interfaces() {
        return new ArrayList<>(interfaces.values());
    }

    static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + literal, e);
        }
    }

    NetworkStack stack() {
        return new Stack();
    }

    /** One interface: its segment, addresses, carrier and the channels open on it. */
    static final class Interface {
        final String name;
        final String segment;
        final InetAddress ipv4;
        final InetAddress ipv6;
        boolean up = true;
        /**
         * The interface's own addresses (primary IPv4, IPv6 link-local), as the kernel holds them: a router
         * that removes one takes the host's real address away, and {@link #holds} shows it.
         */
        final Set<InetAddress> ownAddresses = new LinkedHashSet<>();
        final List<Channel> channels = new ArrayList<>();
        final List<LinkListener> linkListeners = new ArrayList<>();

        Interface(String name, String segment, InetAddress ipv4, InetAddress ipv6) {
            this.name = name;
            this.segment = segment;
            this.ipv4 = ipv4;
            this.ipv6 = ipv6;
            if (ipv4 != null) {
                ownAddresses.add(ipv4);
            }
            if (ipv6 != null) {
                ownAddresses.add(ipv6);
            }
        }

        boolean owns(VirtualAddress v) {
            return v.device().equals(name) && ownAddresses.contains(v.address());
        }

        void deliver(ReceivedPacket p) {
            AddressFamily family = AddressFamily.of(p.source());
            for (Channel c : List.copyOf(channels)) {
                if (c.family == family && !c.closed) {
                    c.handler.onPacket(p);
                }
            }
        }
    }

    final class Channel implements VrrpChannel {
        final Interface itf;
        final AddressFamily family;
        final PacketHandler handler;
        boolean closed;

        Channel(Interface itf, AddressFamily family, PacketHandler handler) {
            this.itf = itf;
            this.family = family;
            this.handler = handler;
        }

        @Override
        public String interfaceName() {
            return itf.name;
        }

        @Override
        public AddressFamily family() {
            return family;
        }

        @Override
        public InetAddress localAddress() {
            return family == AddressFamily.IPV4 ? itf.ipv4 : itf.ipv6;
        }

        @Override
        public void send(ByteBuf message, InetAddress destination) throws IOException {
            if (closed) {
                throw new IOException("channel closed");
            }
            lan.transmit(SimulatedHost.this, itf, localAddress(), destination,
                    ByteBufUtil.getBytes(message, message.readerIndex(), message.readableBytes()));
        }

        @Override
        public void close() {
            closed = true;
            itf.channels.remove(this);
        }
    }

    /** The NetworkStack of this host, as a router sees it. */
    private final class Stack implements NetworkStack {
        private final List<Channel> opened = new ArrayList<>();

        @Override
        public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                       PacketHandler handler) throws IOException {
            Interface itf = interfaces.get(interfaceName);
            if (itf == null) {
                throw new IOException("interface " + interfaceName + " not found on " + name + "; interfaces: "
                        + interfaces.keySet());
            }
            if ((family == AddressFamily.IPV4 ? itf.ipv4 : itf.ipv6) == null) {
                throw new IOException("interface " + interfaceName + " on " + name + " has no " + family + " address");
            }
            Channel c = new Channel(itf, family, handler);
            itf.channels.add(c);
            opened.add(c);
            return c;
        }

        @Override
        public VrrpChannel openChannel(String interfaceName, String transmitInterface, AddressFamily family,
                                       List<InetAddress> unicastPeers, InetAddress sourceAddress,
                                       PacketHandler handler) throws IOException {
            if (transmitInterface != null && !virtualMacs.containsKey(transmitInterface)) {
                throw new IOException("no virtual MAC interface " + transmitInterface + " on " + name);
            }
            // The simulated segment has no MACs: sending through the virtual MAC interface is sending on its base.
            return openChannel(interfaceName, family, unicastPeers, sourceAddress, handler);
        }

        @Override
        public VirtualMacInterface openVirtualMac(String baseInterface, String vmacName, int vrid,
                                                  AddressFamily family) throws IOException {
            if (!interfaces.containsKey(baseInterface)) {
                throw new IOException("interface " + baseInterface + " not found on " + name);
            }
            if (interfaces.containsKey(vmacName) || virtualMacs.containsKey(vmacName)) {
                throw new IOException("an interface named " + vmacName + " already exists on " + name);
            }
            virtualMacs.put(vmacName, false);
            virtualMacEvents.add("create " + vmacName);
            return new VirtualMacInterface() {
                @Override
                public String name() {
                    return vmacName;
                }

                @Override
                public void activate() {
                    set(true);
                }

                @Override
                public void deactivate() {
                    set(false);
                }

                private void set(boolean active) {
                    if (!virtualMacs.get(vmacName).equals(active)) {
                        virtualMacs.put(vmacName, active);
                        virtualMacEvents.add((active ? "activate " : "deactivate ") + vmacName);
                    }
                }

                @Override
                public void close() {
                    if (virtualMacs.remove(vmacName) != null) {
                        virtualMacEvents.add("remove " + vmacName);
                    }
                }
            };
        }

        /** As on Linux: false (EEXIST) for an address the device already has, whatever its prefix length. */
        @Override
        public boolean addAddress(VirtualAddress address) {
            if (virtualMacs.containsKey(address.device())) {
                virtualMacEvents.add("add " + address.address().getHostAddress() + " " + address.device());
            }
            if (hasAddress(address)) { // an interface's own address, or one already added
                return false;
            }
            addresses.add(address);
            return true;
        }

        @Override
        public void removeAddress(VirtualAddress address) {
            if (virtualMacs.containsKey(address.device()) && addresses.contains(address)) {
                virtualMacEvents.add("del " + address.address().getHostAddress() + " " + address.device());
            }
            addresses.remove(address);
            Interface itf = interfaces.get(address.device());
            if (itf != null && itf.owns(address)) {
                itf.ownAddresses.remove(address.address()); // as the kernel would: the host loses it
            }
        }

        /** As on Linux: the address on that device, whatever its prefix length. */
        @Override
        public boolean hasAddress(VirtualAddress address) {
            Interface itf = interfaces.get(address.device());
            if (itf != null && itf.owns(address)) {
                return true;
            }
            for (VirtualAddress v : addresses) {
                if (v.address().equals(address.address()) && v.device().equals(address.device())) {
                    return true;
                }
            }
            return false;
        }

        /** Only routers (and {@link #leaveAddress}) put addresses on a simulated host. */
        @Override
        public boolean addedByVrrp(VirtualAddress address) {
            return addresses.contains(address);
        }

        @Override
        public void announce(VirtualAddress address) {
            announcements.add(address);
        }

        @Override
        public boolean watchLink(String interfaceName, LinkListener listener) throws IOException {
            Interface itf = interfaces.get(interfaceName);
            if (itf == null) {
                throw new IOException("interface " + interfaceName + " not found on " + name);
            }
            itf.linkListeners.add(listener);
            return itf.up;
        }

        @Override
        public boolean interfaceExists(String interfaceName) {
            return interfaces.containsKey(interfaceName) || virtualMacs.containsKey(interfaceName);
        }

        @Override
        public void close() {
            for (Channel c : opened) {
                c.close();
            }
            for (Interface itf : interfaces.values()) {
                itf.linkListeners.clear();
            }
        }
    }
}
