package org.vrrp.linux;

import java.net.InetAddress;
import java.util.Arrays;
import org.vrrp.spi.ReceivedPacket;

/** Splits what an IPv4 raw socket delivers into header fields and payload. Pure; unit-tested. */
final class Ipv4Datagram {
    private Ipv4Datagram() {
    }

    /**
     * @return the packet with the VRRP payload only, or null if the IPv4 header is malformed (the
     *         kernel checks headers before delivery, so this does not happen in practice)
     */
    static ReceivedPacket parse(String interfaceName, byte[] datagram) {
        if (datagram.length < 20 || (datagram[0] & 0xf0) != 0x40) {
            return null;
        }
        int headerLength = (datagram[0] & 0x0f) * 4;
        if (headerLength < 20 || headerLength > datagram.length) {
            return null;
        }
        int totalLength = ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
        int end = totalLength >= headerLength && totalLength <= datagram.length ? totalLength : datagram.length;
        InetAddress source = SocketAddresses.fromBytes(Arrays.copyOfRange(datagram, 12, 16));
        InetAddress destination = SocketAddresses.fromBytes(Arrays.copyOfRange(datagram, 16, 20));
        int ttl = datagram[8] & 0xff;
        return new ReceivedPacket(interfaceName, source, destination, ttl,
                Arrays.copyOfRange(datagram, headerLength, end));
    }
}
