package org.vrrp.spi;

import java.net.InetAddress;

/**
 * A VRRP message as received from the network, before decoding.
 *
 * @param interfaceName  interface it arrived on
 * @param source         IP source address
 * @param destination    IP destination address (224.0.0.18, ff02::12, or a unicast address)
 * @param ttl            IPv4 TTL or IPv6 hop limit as received, or -1 if the adapter could not read it
 * @param message        the VRRP message (IP payload) only; the array is owned by the receiver
 */
public record ReceivedPacket(String interfaceName, InetAddress source, InetAddress destination, int ttl,
                             byte[] message) {
}
