package org.vrrp.runtime;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.vrrp.packet.AddressFamily;
import org.vrrp.spi.LinkListener;
import org.vrrp.spi.NetworkStack;
import org.vrrp.spi.PacketHandler;
import org.vrrp.spi.VirtualAddress;
import org.vrrp.spi.VrrpChannel;

/**
 * A {@link NetworkStack} for the runtime's tests that writes down, in order, everything that would reach the wire
 * or the kernel ({@code send eth0 vrid 51 priority 0}, {@code add ...}, {@code remove ...}, {@code announce ...})
 * and keeps the link listeners by interface. eth0's local address is 192.0.2.1, any other interface's 198.51.100.1.
 */
final class RecordingStack extends SilentStack {
    private final List<String> events;
    private final Map<String, LinkListener> links;

    RecordingStack(List<String> events, Map<String, LinkListener> links) {
        this.events = events;
        this.links = links;
    }

    @Override
    public VrrpChannel openChannel(String interfaceName, AddressFamily family, List<InetAddress> unicastPeers,
                                   PacketHandler handler) {
        InetAddress local = address(interfaceName.equals("eth0") ? "192.0.2.1" : "198.51.100.1");
        return new StubChannel(interfaceName, family, local, message -> events.add("send " + interfaceName
                + " vrid " + message.getUnsignedByte(message.readerIndex() + 1) + " priority "
                + message.getUnsignedByte(message.readerIndex() + 2)));
    }

    @Override
    public boolean addAddress(VirtualAddress address) {
        events.add("add " + address);
        return true;
    }

    @Override
    public void removeAddress(VirtualAddress address) {
        events.add("remove " + address);
    }

    @Override
    public void announce(VirtualAddress address) {
        events.add("announce " + address);
    }

    @Override
    public boolean watchLink(String interfaceName, LinkListener listener) {
        links.put(interfaceName, listener);
        return true;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
