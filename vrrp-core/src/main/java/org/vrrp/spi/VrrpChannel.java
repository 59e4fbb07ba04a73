package org.vrrp.spi;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import org.vrrp.packet.AddressFamily;

/**
 * A socket that sends and receives VRRP (IP protocol 112) on one interface and family.
 *
 * <p>Sends carry TTL / hop limit 255 and go to exactly the destination given: the VRRP group (224.0.0.18
 * or ff02::12) or one unicast peer (the router fans out to its peers itself). Every received message goes
 * to the {@link PacketHandler} given at open, whatever its source.
 *
 * <p>Thread-safety: {@link #send} is called from the protocol thread only; {@link #close} from any thread.
 */
public interface VrrpChannel extends AutoCloseable {
    /**
     * Interface name.
     *
     * @return the interface name
     */
    String interfaceName();

    /**
     * IPv4 or IPv6.
     *
     * @return the family
     */
    AddressFamily family();

    /**
     * The source address the adapter puts on sent packets: the interface's primary IPv4 address, or its
     * IPv6 link-local address. Used for the checksum pseudo-header and the election tie-break.
     *
     * @return the local address
     */
    InetAddress localAddress();

    /**
     * Sends one VRRP message.
     *
     * @param message     the encoded VRRP message, read from its reader index to its writer index; not released
     * @param destination the VRRP multicast group of the family, or a unicast peer
     * @throws IOException if the kernel refused it
     */
    void send(ByteBuf message, InetAddress destination) throws IOException;

    @Override
    void close();
}
