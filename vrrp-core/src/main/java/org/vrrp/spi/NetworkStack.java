package org.vrrp.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.vrrp.packet.AddressFamily;

/**
 * The operating-system side of one router: its VRRP sockets, its addresses and its links, all inside
 * one network namespace. Obtained from {@link NetworkProvider#open}.
 *
 * <p>Thread-safety: every method but {@link #close} is called from the router's protocol thread.
 * Callbacks ({@link PacketHandler}, {@link LinkListener}) arrive on the adapter's own thread.
 */
public interface NetworkStack extends AutoCloseable {
    /**
     * Opens a VRRP socket on an interface.
     *
     * @param interfaceName the interface name
     * @param family the family
     * @param unicastPeers if non-empty, the router sends to each of these itself and the group is not joined;
     *                     if empty, the multicast group is joined. Either way the channel delivers every
     *                     packet it receives: the router filters sources (and counts the strangers)
     * @param handler the handler
     * @return the open channel
     * @throws IOException with a message naming the missing capability, unknown interface, or kernel error
     */
    VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                            PacketHandler handler) throws IOException;

    /**
     * Opens a VRRP socket that sends from {@code sourceAddress} (keepalived's {@code unicast_src_ip} /
     * {@code mcast_src_ip}) instead of the interface's own primary or link-local address; the channel's
     * {@link VrrpChannel#localAddress()} is then that address. Null means the interface's address, as
     * {@link #openChannel(String, AddressFamily, List, PacketHandler)}. The default, for adapters that cannot
     * choose the source, accepts only null.
     *
     * @param interfaceName the interface
     * @param family IPv4 or IPv6
     * @param unicastPeers as for {@link #openChannel(String, AddressFamily, List, PacketHandler)}
     * @param sourceAddress the source of adverts, or null for the interface's own address
     * @param handler receives the packets
     * @return the channel
     * @throws IOException also when the address is not one of the interface's
     */
    default VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                    InetAddress sourceAddress, PacketHandler handler) throws IOException {
        if (sourceAddress != null) {
            throw new IOException("this network stack cannot send adverts from a chosen source address ("
                    + sourceAddress.getHostAddress() + ")");
        }
        return openChannel(interfaceName, family, unicastPeers, handler);
    }

    /**
     * Opens a VRRP socket that receives on {@code interfaceName} but sends through {@code transmitInterface},
     * e.g. the instance's {@link VirtualMacInterface}, so that adverts carry its MAC while adverts of every
     * router are heard on the base interface whatever the state. Null or the same name means
     * {@link #openChannel(String, AddressFamily, List, InetAddress, PacketHandler)}; the default, for adapters
     * that cannot split the two, accepts nothing else.
     *
     * @param interfaceName where adverts are received (the channel's {@link VrrpChannel#interfaceName()})
     * @param transmitInterface where adverts are sent, or null for {@code interfaceName}
     * @param family IPv4 or IPv6
     * @param unicastPeers as for {@link #openChannel(String, AddressFamily, List, PacketHandler)}
     * @param sourceAddress the source of adverts, or null for the interface's own address
     * @param handler receives the packets
     * @return the channel
     * @throws IOException if a socket cannot be opened; the message says why
     */
    default VrrpChannel openChannel(String interfaceName, String transmitInterface, AddressFamily family,
                                    List<InetAddress> unicastPeers, InetAddress sourceAddress, PacketHandler handler)
            throws IOException {
        if (transmitInterface != null && !transmitInterface.equals(interfaceName)) {
            throw new IOException("this network stack cannot send adverts through " + transmitInterface
                    + " while receiving on " + interfaceName);
        }
        return openChannel(interfaceName, family, unicastPeers, sourceAddress, handler);
    }

    /**
     * Creates (or takes over from a killed process of this library) the interface that carries a virtual
     * router's MAC address, inactive. The default, for adapters without one, refuses.
     *
     * @param baseInterface the instance's interface, on which the virtual MAC interface is stacked
     * @param name the name to give it (keepalived's default is {@code vrrp.VRID})
     * @param vrid the virtual router id (1..255), the last byte of the MAC
     * @param family IPv4 (00:00:5e:00:01:VRID) or IPv6 (00:00:5e:00:02:VRID)
     * @return the interface; the caller closes it, which removes it
     * @throws IOException if it cannot be created: an interface of that name that is not ours, no kernel
     *                     support, missing privilege; the message names the cause and the fix
     */
    default VirtualMacInterface openVirtualMac(String baseInterface, String name, int vrid, AddressFamily family)
            throws IOException {
        throw new IOException("this network stack cannot create a virtual MAC interface (for VRID " + vrid + " on "
                + baseInterface + "): use the Linux network stack, or turn virtualMac off");
    }

    /**
     * Adds a virtual address to its device, marked so that {@link #addedByVrrp} recognises it later, from
     * this process or another. Adding one that is already there is not an error; it stays as it was, and
     * the answer is false: the caller did not add it, so it must not take it for its own (the kernel's
     * EEXIST). This answer is what keeps a router from ever removing an address the host already had,
     * without reading the addresses first on the takeover path.
     *
     * @param address the address
     * @return true if this call put the address there, false if it was already there (whoever added it)
     * @throws IOException if the kernel refuses; the message says why
     */
    boolean addAddress(VirtualAddress address) throws IOException;

    /**
     * Adds several virtual addresses, each as {@link #addAddress} would, and tells {@code outcome} about each,
     * in order. One that fails does not stop the others. An adapter may hand them to the kernel together
     * (one round trip instead of one per address); the default adds them one after another.
     *
     * @param addresses the addresses, in the order to add them
     * @param outcome told, for each address, whether this call added it or why it could not
     */
    default void addAddresses(List<VirtualAddress> addresses, AddOutcome outcome) {
        for (VirtualAddress a : addresses) {
            boolean added;
            try {
                added = addAddress(a);
            } catch (IOException e) {
                outcome.failed(a, e);
                continue;
            }
            outcome.done(a, added);
        }
    }

    /** What became of each address given to {@link #addAddresses}; called on the caller's thread. */
    interface AddOutcome {
        /**
         * The address is on its device now.
         *
         * @param address the address
         * @param added true if this call put it there, false if it was already there (see {@link #addAddress})
         */
        void done(VirtualAddress address, boolean added);

        /**
         * The kernel refused the address.
         *
         * @param address the address
         * @param failure why, as {@link #addAddress} would have thrown it
         */
        void failed(VirtualAddress address, IOException failure);
    }

    /**
     * Removes a virtual address from its device if a router of this library added it
     * ({@link #addedByVrrp}); an address of that value that anyone else put there (the interface's own
     * address, one added by hand) is left alone. Removing one that is not there is not an error.
     *
     * @param address the address
     * @throws IOException if the kernel refuses; the message says why
     */
    void removeAddress(VirtualAddress address) throws IOException;

    /**
     * Whether the kernel has this address on this device now, whoever added it. Read at start-up only
     * (it may dump the kernel's addresses), never on the takeover path.
     *
     * @param address the address
     * @return whether the kernel has this address on this device now, whoever added it
     * @throws IOException if the addresses cannot be read
     */
    boolean hasAddress(VirtualAddress address) throws IOException;

    /**
     * Whether the address is on its device and a router of this library put it there, in this process
     * or in an earlier one that died without removing it. The default, for adapters that cannot tell,
     * is false: the core then treats an address it finds at start-up as the host's own.
     *
     * @param address the address
     * @return whether added by vrrp
     * @throws IOException if the addresses cannot be read
     */
    default boolean addedByVrrp(VirtualAddress address) throws IOException {
        return false;
    }

    /**
     * Every address the kernel has on an interface now, both families, with its prefix length, whoever
     * added it. Used at start-up only, for warnings about the VIPs (outside every subnet, priority 255
     * without owning the address). The default, for adapters that cannot tell, is an empty list.
     *
     * @param interfaceName the interface name
     * @return the interface addresses
     * @throws IOException if the addresses cannot be read
     */
    default List<VirtualAddress> interfaceAddresses(String interfaceName) throws IOException {
        return List.of();
    }

    /**
     * Announces that this host now answers for the address: a gratuitous ARP for IPv4, an unsolicited
     * neighbor advertisement (R=1, S=0, O=1) for IPv6, from the device's MAC address.
     *
     * @param address the address
     * @throws IOException if the announcement cannot be sent
     */
    void announce(VirtualAddress address) throws IOException;

    /**
     * Watches carrier on an interface. The listener is told the current state once, then every change.
     *
     * @param interfaceName the interface name
     * @param listener the listener
     * @return the current state: true if up with carrier
     * @throws IOException if link state cannot be watched
     */
    boolean watchLink(String interfaceName, LinkListener listener) throws IOException;

    /**
     * Whether an interface of this name exists in the stack's namespace.
     *
     * @param interfaceName the interface name
     * @return whether an interface of this name exists in the stack's namespace
     */
    boolean interfaceExists(String interfaceName);

    /**
     * Tells the stack which router it serves, once, right after {@link NetworkProvider#open}: an adapter
     * with a thread of its own names it {@code vrrp-<routerName>-io}, beside the router's
     * {@code -protocol} and {@code -listener} threads, so that a thread dump shows whose it is. By default
     * nothing (a stack without threads).
     *
     * @param routerName the router name
     */
    default void nameThreads(String routerName) {
    }

    /**
     * Puts the calling thread, and only it, under the real-time round-robin policy at {@code realtimePriority}, or
     * back under the normal policy for 0. Called on the router's protocol thread when it starts (and on a reload
     * that changes the value) if {@link org.vrrp.VrrpRouter.Builder#realtimePriority(int)} asks for it. Threads and
     * processes the thread starts afterwards must not inherit the policy. The default, for adapters that cannot
     * do it, refuses with an IOException; the router then warns and runs at normal priority.
     *
     * @param realtimePriority 1..99, or 0 for normal scheduling
     * @throws IOException if the OS refuses (e.g. a missing privilege); the message names the cause and the fix
     */
    default void setThreadRealtimePriority(int realtimePriority) throws IOException {
        throw new IOException("this network stack (" + getClass().getSimpleName() + ") cannot set a thread's"
                + " real-time priority: use the Linux network stack (org.vrrp:vrrp-linux)");
    }

    /** Closes every socket opened by this stack. Idempotent. Does not remove addresses. */
    @Override
    void close();
}
