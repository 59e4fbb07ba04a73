package org.vrrp.spring;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.VrrpRouter;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * The OS adapter with one twist for a graceful shutdown: once {@link #drain()} is called, the VIPs the
 * router removes stay on the interface, and its stacks stay open, until {@link #release()}.
 *
 * <p>Why: a connection the web server accepted on the VIP can only be answered from the VIP. If the
 * address went away when the router resigned, a request in flight at that moment would never get its
 * response (the kernel cannot send from an address it no longer has). So the host resigns (priority 0:
 * the backup takes over and announces the VIP, new connections go there), keeps the address while the
 * web server completes what it accepted, and removes it afterwards. The two hosts hold the address
 * together for that time, as a preempting master and the one it replaces do for an advert interval.
 *
 * <p>Before {@link #drain()} it only passes calls through. Thread-safe.
 */
final class DrainingNetworkProvider implements NetworkProvider {
    private static final Logger LOG = LoggerFactory.getLogger(DrainingNetworkProvider.class);

    private final NetworkProvider given;
    private NetworkProvider delegate;
    private final List<Runnable> deferred = new ArrayList<>();
    private boolean draining;

    /** @param given the adapter to use, or null for the one {@link VrrpRouter#findProvider()} finds */
    DrainingNetworkProvider(NetworkProvider given) {
        this.given = given;
    }

    private synchronized NetworkProvider delegate() {
        if (delegate == null) {
            delegate = given != null ? given : VrrpRouter.findProvider();
        }
        return delegate;
    }

    /** From now on, address removals and stack closes wait for {@link #release()}. */
    synchronized void drain() {
        draining = true;
    }

    /** Carries out what {@link #drain()} held back, in order, and passes calls through again. */
    void release() {
        List<Runnable> pending;
        synchronized (this) {
            draining = false;
            pending = new ArrayList<>(deferred);
            deferred.clear();
        }
        pending.forEach(Runnable::run);
    }

    /** Runs {@code action} now, or at {@link #release()} while draining; true if it was held back. */
    private synchronized boolean deferIfDraining(Runnable action) {
        if (draining) {
            deferred.add(action);
        }
        return draining;
    }

    @Override
    public String name() {
        return delegate().name();
    }

    @Override
    public boolean isAvailable() {
        return delegate().isAvailable();
    }

    @Override
    public String unavailabilityCause() {
        return delegate().unavailabilityCause();
    }

    @Override
    public NetworkStack open(String networkNamespace) throws IOException {
        NetworkStack stack = delegate().open(networkNamespace);
        return new NetworkStack() {
            @Override
            public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                           PacketHandler handler) throws IOException {
                return stack.openChannel(interfaceName, family, unicastPeers, handler);
            }

            @Override
            public boolean addAddress(VirtualAddress address) throws IOException {
                return stack.addAddress(address);
            }

            @Override
            public void addAddresses(List<VirtualAddress> addresses, AddOutcome outcome) {
                stack.addAddresses(addresses, outcome); // keeps the adapter's batching
            }

            @Override
            public void removeAddress(VirtualAddress address) throws IOException {
                if (!deferIfDraining(() -> removeLater(stack, address))) {
                    stack.removeAddress(address);
                }
            }

            @Override
            public boolean hasAddress(VirtualAddress address) throws IOException {
                return stack.hasAddress(address);
            }

            @Override
            public void announce(VirtualAddress address) throws IOException {
                stack.announce(address);
            }

            @Override
            public boolean watchLink(String interfaceName, LinkListener listener) throws IOException {
                return stack.watchLink(interfaceName, listener);
            }

            @Override
            public boolean interfaceExists(String interfaceName) {
                return stack.interfaceExists(interfaceName);
            }

            @Override
            public void nameThreads(String routerName) {
                stack.nameThreads(routerName); // so that the Linux I/O thread is vrrp-<router>-io here too
            }

            @Override
            public void setThreadRealtimePriority(int realtimePriority) throws IOException {
                stack.setThreadRealtimePriority(realtimePriority);
            }

            @Override
            public void close() {
                if (!deferIfDraining(stack::close)) {
                    stack.close();
                }
            }
        };
    }

    private static void removeLater(NetworkStack stack, VirtualAddress address) {
        try {
            stack.removeAddress(address);
            LOG.info("VRRP: removed {} after the web server finished its requests", address);
        } catch (IOException | RuntimeException e) {
            LOG.error("VRRP: could not remove {} after draining: {}", address, e.getMessage());
        }
    }
}
