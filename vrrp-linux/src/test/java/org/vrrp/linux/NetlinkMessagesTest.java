package org.vrrp.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetlinkMessagesTest {
    private static final byte[] VIP4 = {(byte) 192, 0, 2, 100};
    private static final byte[] VIP6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};

    @Test
    void ipv4AddRequestCarriesLocalAndAddressAndAsksForCreateExclAck() {
        ByteBuffer b = wrap(NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 7, 3, VIP4, 24));
        assertEquals(16 + 8 + 8 + 8 + 8, b.getInt(0), "header, ifaddrmsg, three 8-byte attributes");
        assertEquals(LinuxConstants.RTM_NEWADDR, b.getShort(4));
        assertEquals(0x01 | 0x04 | 0x400 | 0x200, b.getShort(6), "REQUEST | ACK | CREATE | EXCL");
        assertEquals(7, b.getInt(8));
        assertEquals(LinuxConstants.AF_INET, b.get(16));
        assertEquals(24, b.get(17));
        assertEquals(0, b.get(18), "no NODAD for IPv4");
        assertEquals(3, b.getInt(20));
        Map<Integer, byte[]> attrs = NetlinkMessages.attributes(b, 24);
        assertArrayEquals(VIP4, attrs.get(LinuxConstants.IFA_LOCAL));
        assertArrayEquals(VIP4, attrs.get(LinuxConstants.IFA_ADDRESS));
    }

    @Test
    void ipv6AddRequestSetsNodadInBothFlagFields() {
        ByteBuffer b = wrap(NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 1, 2, VIP6, 64));
        assertEquals(LinuxConstants.AF_INET6, b.get(16));
        assertEquals(LinuxConstants.IFA_F_NODAD, b.get(18));
        Map<Integer, byte[]> attrs = NetlinkMessages.attributes(b, 24);
        assertArrayEquals(VIP6, attrs.get(LinuxConstants.IFA_ADDRESS));
        assertEquals(null, attrs.get(LinuxConstants.IFA_LOCAL));
        assertEquals(LinuxConstants.IFA_F_NODAD, wrap(attrs.get(LinuxConstants.IFA_FLAGS)).getInt(0));
    }

    @Test
    void anIpv4AddWithALabelCarriesIfaLabelNulTerminated() {
        ByteBuffer b = wrap(NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 1, 2, VIP4, 24, "eth0:1"));
        assertArrayEquals("eth0:1\0".getBytes(StandardCharsets.US_ASCII),
                NetlinkMessages.attributes(b, 24).get(LinuxConstants.IFA_LABEL));
        assertEquals(3, LinuxConstants.IFA_LABEL, "linux/if_addr.h");
        ByteBuffer plain = wrap(NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 1, 2, VIP4, 24));
        assertNull(NetlinkMessages.attributes(plain, 24).get(LinuxConstants.IFA_LABEL));
    }

    @Test
    void everyAddCarriesOurAddressProtocolMark() {
        for (byte[] vip : List.of(VIP4, VIP6)) {
            ByteBuffer b = wrap(NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 1, 2, vip, 24));
            assertArrayEquals(new byte[] {(byte) LinuxConstants.IFAPROT_VRRP},
                    NetlinkMessages.attributes(b, 24).get(LinuxConstants.IFA_PROTO));
        }
        assertEquals(11, LinuxConstants.IFA_PROTO, "linux/if_addr.h");
    }

    @Test
    void theMarkIsReadBackFromADumpAndItsAbsenceIsZero() {
        NetlinkMessages.Address marked = dumpedAddress(new byte[] {(byte) LinuxConstants.IFAPROT_VRRP});
        assertTrue(marked.markedAsVrrp());
        NetlinkMessages.Address hosts = dumpedAddress(null);
        assertEquals(0, hosts.protocol());
        assertTrue(!hosts.markedAsVrrp());
    }

    /** An RTM_NEWADDR as a dump returns it, with IFA_PROTO if {@code protocol} is not null. */
    private static NetlinkMessages.Address dumpedAddress(byte[] protocol) {
        ByteBuffer m = NetlinkMessages.begin(LinuxConstants.RTM_NEWADDR, LinuxConstants.NLM_F_MULTI, 3);
        m.put((byte) LinuxConstants.AF_INET).put((byte) 24).put((byte) 0).put((byte) 0).putInt(2);
        NetlinkMessages.putAttribute(m, LinuxConstants.IFA_LOCAL, VIP4);
        if (protocol != null) {
            NetlinkMessages.putAttribute(m, LinuxConstants.IFA_PROTO, protocol);
        }
        return NetlinkMessages.address(NetlinkMessages.parse(wrap(NetlinkMessages.finish(m))).get(0));
    }

    @Test
    void deleteRequestDoesNotAskToCreateNorCarryTheMark() {
        ByteBuffer b = wrap(NetlinkMessages.addressRequest(LinuxConstants.RTM_DELADDR, 1, 2, VIP4, 32));
        assertEquals(LinuxConstants.RTM_DELADDR, b.getShort(4));
        assertEquals(0x01 | 0x04, b.getShort(6));
        assertNull(NetlinkMessages.attributes(b, 24).get(LinuxConstants.IFA_PROTO));
    }

    @Test
    void parsesSeveralMessagesAndALink() {
        ByteBuffer link = NetlinkMessages.begin(LinuxConstants.RTM_NEWLINK, LinuxConstants.NLM_F_MULTI, 5);
        link.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(4)
                .putInt(LinuxConstants.IFF_UP | LinuxConstants.IFF_LOWER_UP).putInt(0);
        NetlinkMessages.putAttribute(link, LinuxConstants.IFLA_IFNAME, "eth0\0".getBytes(StandardCharsets.US_ASCII));
        NetlinkMessages.putAttribute(link, LinuxConstants.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, 1});
        byte[] first = NetlinkMessages.finish(link);
        byte[] done = NetlinkMessages.finish(NetlinkMessages.begin(LinuxConstants.NLMSG_DONE, 0, 5).putInt(0));
        ByteBuffer datagram = ByteBuffer.allocate(first.length + done.length).put(first).put(done).flip();

        List<NetlinkMessages.Message> messages = NetlinkMessages.parse(datagram);
        assertEquals(2, messages.size());
        NetlinkMessages.Link parsed = NetlinkMessages.link(messages.get(0));
        assertEquals("eth0", parsed.name());
        assertEquals(4, parsed.index());
        assertTrue(parsed.upWithCarrier());
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1}, parsed.hardwareAddress());
        assertEquals(LinuxConstants.NLMSG_DONE, messages.get(1).type());
    }

    @Test
    void aMacvlanRequestReadsBackAsTheLinkItAsksFor() {
        byte[] mac = {0, 0, 0x5e, 0, 1, 51};
        byte[] request = NetlinkMessages.newMacvlanRequest(7, "vrrp.51", 3, mac);
        ByteBuffer b = wrap(request);
        assertEquals(LinuxConstants.RTM_NEWLINK, b.getShort(4));
        assertEquals(LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK | LinuxConstants.NLM_F_CREATE
                | LinuxConstants.NLM_F_EXCL, b.getShort(6), "EXCL: never takes over an existing interface");
        NetlinkMessages.Link asked = NetlinkMessages.link(NetlinkMessages.parse(ByteBuffer.wrap(request)).get(0));
        assertEquals("vrrp.51", asked.name());
        assertEquals(3, asked.parentIndex());
        assertEquals("macvlan", asked.kind());
        assertEquals(LinuxConstants.MACVLAN_MODE_BRIDGE, asked.macvlanMode());
        assertArrayEquals(mac, asked.hardwareAddress());
        assertEquals(0, asked.index(), "a new interface: the kernel picks the index");
    }

    @Test
    void protoDownRequestSetsTheFlagOnTheIndex() {
        NetlinkMessages.Link on = NetlinkMessages.link(NetlinkMessages.parse(
                ByteBuffer.wrap(NetlinkMessages.protoDownRequest(1, 9, true))).get(0));
        NetlinkMessages.Link off = NetlinkMessages.link(NetlinkMessages.parse(
                ByteBuffer.wrap(NetlinkMessages.protoDownRequest(1, 9, false))).get(0));
        assertEquals(9, on.index());
        assertTrue(on.protoDown());
        assertTrue(!off.protoDown());
    }

    @Test
    void upWithoutCarrierIsDown() {
        assertTrue(!new NetlinkMessages.Link(1, "eth0", LinuxConstants.IFF_UP, new byte[0]).upWithCarrier());
    }

    @Test
    void extendedAckTextIsFoundAfterACappedOrAFullEcho() {
        assertEquals("ipv4: Address already assigned", ackText(true));
        assertEquals("ipv4: Address already assigned", ackText(false));
    }

    @Test
    void errorWithoutTlvsHasNoText() {
        ByteBuffer e = NetlinkMessages.begin(LinuxConstants.NLMSG_ERROR, 0, 1).putInt(-17);
        e.put(new byte[16]);
        NetlinkMessages.Message m = NetlinkMessages.parse(ByteBuffer.wrap(NetlinkMessages.finish(e))).get(0);
        assertEquals(-17, NetlinkMessages.errorCode(m));
        assertNull(NetlinkMessages.extendedAckMessage(m));
    }

    private static String ackText(boolean capped) {
        byte[] request = NetlinkMessages.addressRequest(LinuxConstants.RTM_NEWADDR, 9, 2, VIP4, 24);
        int flags = LinuxConstants.NLM_F_ACK_TLVS | (capped ? 0x100 : 0);
        ByteBuffer e = NetlinkMessages.begin(LinuxConstants.NLMSG_ERROR, flags, 9).putInt(-17);
        e.put(request, 0, capped ? 16 : request.length);
        NetlinkMessages.putAttribute(e, LinuxConstants.NLMSGERR_ATTR_MSG,
                "ipv4: Address already assigned\0".getBytes(StandardCharsets.UTF_8));
        return NetlinkMessages.extendedAckMessage(
                NetlinkMessages.parse(ByteBuffer.wrap(NetlinkMessages.finish(e))).get(0));
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }
}
