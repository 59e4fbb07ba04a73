package org.vrrp.spring;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkProvider;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * A network with no one else on it, for the lifecycle tests: a router alone becomes MASTER after its
 * Master_Down_Interval. Records the priority of every advert sent and the addresses held.
 *
 * <p>Thread-safe.
 */
final class LoneNetwork implements NetworkProvider {
    final List<Integer> advertPriorities = java.util.Collections.synchronizedList(new ArrayList<>());
    final Set<String> addresses = ConcurrentHashMap.newKeySet();
    volatile int opened;

    @Override
    public String name() {
        return "lone";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String unavailabilityCause() {
        return "";
    }

    /** Priority of the last advert sent, or -1. */
    int lastAdvertPriority() {
        synchronized (advertPriorities) {
            return advertPriorities.isEmpty() ? -1 : advertPriorities.get(advertPriorities.size() - 1);
        }
    }

    @Override
    public NetworkStack open(String networkNamespace) {
        opened++;
        return new NetworkStack() {
            @Override
            public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                           PacketHandler handler) {
                return new VrrpChannel() {
                    @Override
                    public String interfaceName() {
                        return interfaceName;
                    }

                    @Override
                    public AddressFamily family() {
                        return family;
                    }

                    @Override
                    public InetAddress localAddress() {
                        try {
                            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
                        } catch (UnknownHostException e) {
                            throw new AssertionError(e);
                        }
                    }

                    @Override
                    public void send(ByteBuf message, InetAddress destination) {
                        advertPriorities.add((int) message.getUnsignedByte(message.readerIndex() + 2));
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public boolean addAddress(VirtualAddress address) {
                return addresses.add(address.toString());
            }

            @Override
            public void removeAddress(VirtualAddress address) {
                addresses.remove(address.toString());
            }

            @Override
            public boolean hasAddress(VirtualAddress address) {
                return addresses.contains(address.toString());
            }

            @Override
            public void announce(VirtualAddress address) {
            }

            @Override
            public boolean watchLink(String interfaceName, LinkListener listener) {
                listener.onLinkChange(interfaceName, true);
                return true;
            }

            @Override
            public boolean interfaceExists(String interfaceName) {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
