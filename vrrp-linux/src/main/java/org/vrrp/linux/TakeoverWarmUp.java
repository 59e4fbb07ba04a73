package org.vrrp.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What a stack runs once when it opens, so that a backup's first takeover does not pay for the JVM's first run of
 * the stack's part of it (class loading, the interpreter; issue 17): the netlink request that adds a VIP (IPv4 with
 * a label, and IPv6), the kernel's acknowledgement parsed, a gratuitous ARP and an unsolicited neighbour
 * advertisement, all for documentation addresses and all dropped.
 *
 * <p>Pure: it is given no descriptor, so nothing of it can reach the kernel or the wire. Thread-safe.
 */
final class TakeoverWarmUp {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};
    private static final byte[] IPV4 = {(byte) 192, 0, 2, 1};
    private static final byte[] IPV6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private TakeoverWarmUp() {
    }

    /** @return the bytes built, and the acknowledgement's errno (0): for a test's check that it all ran */
    static int run() {
        int bytes = 0;
        RtNetlink.AddressAdd a = new RtNetlink.AddressAdd(1, IPV4, 24, "eth0:warm", "192.0.2.1/24 (warm-up)");
        byte[] add = NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 1, a.interfaceIndex(), a.address(),
                a.prefixLength(), a.label());
        bytes += add.length;
        bytes += NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 2, 1, IPV6, 64, null).length;
        bytes += RtNetlink.Ack.of(acknowledgement(add)).errno();
        bytes += AnnouncementFrames.gratuitousArp(MAC, IPV4).length;
        bytes += AnnouncementFrames.unsolicitedNeighborAdvert(MAC, IPV6).length;
        return bytes;
    }

    /** The kernel's NLMSG_ERROR with error 0 for {@code request}, as a receive parses it. */
    private static NetlinkMessages.Message acknowledgement(byte[] request) {
        int length = LinuxConstants.SIZEOF_NLMSGHDR + 4 + LinuxConstants.SIZEOF_NLMSGHDR;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) LinuxConstants.NLMSG_ERROR).putShort((short) 0).putInt(1).putInt(0);
        b.putInt(0); // error: none
        b.put(request, 0, LinuxConstants.SIZEOF_NLMSGHDR);
        List<NetlinkMessages.Message> messages = NetlinkMessages.parse(b.flip());
        return messages.get(0);
    }
}
