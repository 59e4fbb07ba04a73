package org.vrrp.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure encoding and decoding of rtnetlink messages (nlmsghdr, ifinfomsg, ifaddrmsg, rtattr), in host
 * byte order as the kernel expects. No I/O, so it is unit-tested without root.
 */
final class NetlinkMessages {
    private NetlinkMessages() {
    }

    /** One received netlink message; {@code payload} covers the bytes after the 16-byte header. */
    record Message(int type, int flags, int sequence, ByteBuffer payload) {
    }

    /**
     * A link as RTM_NEWLINK describes it. {@code parentIndex} is IFLA_LINK (the lower device of a macvlan,
     * 0 if none), {@code kind} IFLA_INFO_KIND ("macvlan", "veth"; empty for a plain device),
     * {@code macvlanMode} IFLA_MACVLAN_MODE (0 unless a macvlan), {@code protoDown} IFLA_PROTO_DOWN.
     */
    record Link(int index, String name, int flags, byte[] hardwareAddress, int parentIndex, String kind,
                int macvlanMode, boolean protoDown) {
        Link(int index, String name, int flags, byte[] hardwareAddress) {
            this(index, name, flags, hardwareAddress, 0, "", 0, false);
        }

        boolean upWithCarrier() {
            return (flags & LinuxConstants.IFF_UP) != 0 && (flags & LinuxConstants.IFF_LOWER_UP) != 0;
        }
    }

    /**
     * An address as RTM_NEWADDR describes it. {@code flags} merges ifa_flags and IFA_FLAGS;
     * {@code protocol} is IFA_PROTO, 0 when absent (unset, or a kernel before 5.18).
     */
    record Address(int family, int prefixLength, int flags, int scope, int interfaceIndex, byte[] address,
                   int protocol) {
        /** Added by a router of this library (marked with {@link LinuxConstants#IFAPROT_VRRP}). */
        boolean markedAsVrrp() {
            return protocol == LinuxConstants.IFAPROT_VRRP;
        }
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
    }

    /** Starts a message: writes a header whose length {@link #finish} fills in. */
    static ByteBuffer begin(int type, int flags, int sequence) {
        ByteBuffer b = allocate(256);
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
        return b;
    }

    static void putAttribute(ByteBuffer b, int type, byte[] value) {
        int start = b.position();
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        while (b.position() < start + align4(4 + value.length)) {
            b.put((byte) 0);
        }
    }

    static void putIntAttribute(ByteBuffer b, int type, int value) {
        putAttribute(b, type, allocate(4).putInt(value).array());
    }

    /** Fills in the total length and returns the message bytes. */
    static byte[] finish(ByteBuffer b) {
        b.putInt(0, b.position());
        byte[] out = new byte[b.position()];
        b.get(0, out);
        return out;
    }

    /** RTM_GETLINK or RTM_GETADDR dump request for one family (AF_UNSPEC = 0 for links). */
    static byte[] dumpRequest(int type, int family, int sequence) {
        ByteBuffer b = begin(type, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_DUMP, sequence);
        if (type == LinuxConstants.RTM_GETLINK) {
            b.put((byte) family).put((byte) 0).putShort((short) 0).putInt(0).putInt(0).putInt(0); // ifinfomsg
        } else {
            b.put((byte) family).put((byte) 0).put((byte) 0).put((byte) 0).putInt(0); // ifaddrmsg
        }
        return finish(b);
    }

    /**
     * RTM_NEWADDR or RTM_DELADDR for one address. IPv4 sets IFA_LOCAL and IFA_ADDRESS as `ip addr add`
     * does; IPv6 adds with IFA_F_NODAD so the address is usable at once (pitfall 11). An add carries
     * IFA_PROTO = {@link LinuxConstants#IFAPROT_VRRP}, the mark by which a later run tells our VIPs from
     * the host's own addresses (docs/linux.md).
     */
    static byte[] addressRequest(int type, int sequence, int interfaceIndex, byte[] address, int prefixLength) {
        return addressRequest(type, sequence, interfaceIndex, address, prefixLength, null);
    }

    /** As above; an IPv4 add with a {@code label} also carries IFA_LABEL (NUL-terminated), as `ip addr add ... label`. */
    static byte[] addressRequest(int type, int sequence, int interfaceIndex, byte[] address, int prefixLength,
                                 String label) {
        int flags = LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK;
        if (type == LinuxConstants.RTM_NEWADDR) {
            flags |= LinuxConstants.NLM_F_CREATE | LinuxConstants.NLM_F_EXCL;
        }
        boolean v6 = address.length == 16;
        int ifaFlags = v6 ? LinuxConstants.IFA_F_NODAD : 0;
        ByteBuffer b = begin(type, flags, sequence);
        b.put((byte) (v6 ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET)).put((byte) prefixLength)
                .put((byte) ifaFlags).put((byte) LinuxConstants.RT_SCOPE_UNIVERSE).putInt(interfaceIndex);
        if (!v6) {
            putAttribute(b, LinuxConstants.IFA_LOCAL, address);
        }
        putAttribute(b, LinuxConstants.IFA_ADDRESS, address);
        if (v6 && type == LinuxConstants.RTM_NEWADDR) {
            putIntAttribute(b, LinuxConstants.IFA_FLAGS, ifaFlags);
        }
        if (label != null && !v6 && type == LinuxConstants.RTM_NEWADDR) {
            byte[] text = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            putAttribute(b, LinuxConstants.IFA_LABEL, java.util.Arrays.copyOf(text, text.length + 1));
        }
        if (type == LinuxConstants.RTM_NEWADDR) {
            putAttribute(b, LinuxConstants.IFA_PROTO, new byte[] {(byte) LinuxConstants.IFAPROT_VRRP});
        }
        return finish(b);
    }

    /** Splits a datagram into messages. */
    static List<Message> parse(ByteBuffer datagram) {
        ByteBuffer d = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<Message> out = new ArrayList<>();
        int offset = d.position();
        while (offset + LinuxConstants.SIZEOF_NLMSGHDR <= d.limit()) {
            int length = d.getInt(offset);
            if (length < LinuxConstants.SIZEOF_NLMSGHDR || offset + length > d.limit()) {
                break; // truncated or corrupt: stop rather than read garbage
            }
            int type = Short.toUnsignedInt(d.getShort(offset + 4));
            int flags = Short.toUnsignedInt(d.getShort(offset + 6));
            int sequence = d.getInt(offset + 8);
            ByteBuffer payload = d.slice(offset + LinuxConstants.SIZEOF_NLMSGHDR,
                    length - LinuxConstants.SIZEOF_NLMSGHDR).order(ByteOrder.nativeOrder());
            out.add(new Message(type, flags, sequence, payload));
            offset += align4(length);
        }
        return out;
    }

    /** rtattrs from {@code offset} to the end of {@code payload}, by type (last one wins). */
    static Map<Integer, byte[]> attributes(ByteBuffer payload, int offset) {
        Map<Integer, byte[]> out = new HashMap<>();
        while (offset + 4 <= payload.limit()) {
            int length = Short.toUnsignedInt(payload.getShort(offset));
            int type = Short.toUnsignedInt(payload.getShort(offset + 2)) & 0x3fff; // strip NESTED/BYTEORDER bits
            if (length < 4 || offset + length > payload.limit()) {
                break;
            }
            byte[] value = new byte[length - 4];
            payload.get(offset + 4, value);
            out.put(type, value);
            offset += align4(length);
        }
        return out;
    }

    /** RTM_NEWLINK / RTM_DELLINK payload: ifinfomsg (16 bytes) then attributes. */
    static Link link(Message m) {
        ByteBuffer p = m.payload();
        int index = p.getInt(4);
        int flags = p.getInt(8);
        Map<Integer, byte[]> attrs = attributes(p, 16);
        byte[] nameBytes = attrs.getOrDefault(LinuxConstants.IFLA_IFNAME, new byte[0]);
        int end = 0;
        while (end < nameBytes.length && nameBytes[end] != 0) {
            end++;
        }
        String name = new String(nameBytes, 0, end, StandardCharsets.US_ASCII);
        byte[] parent = attrs.get(LinuxConstants.IFLA_LINK);
        byte[] protoDown = attrs.get(LinuxConstants.IFLA_PROTO_DOWN);
        String kind = "";
        int macvlanMode = 0;
        byte[] linkInfo = attrs.get(LinuxConstants.IFLA_LINKINFO);
        if (linkInfo != null) {
            Map<Integer, byte[]> info = attributes(wrap(linkInfo), 0);
            kind = cString(info.getOrDefault(LinuxConstants.IFLA_INFO_KIND, new byte[0]));
            byte[] data = info.get(LinuxConstants.IFLA_INFO_DATA);
            byte[] mode = data == null ? null : attributes(wrap(data), 0).get(LinuxConstants.IFLA_MACVLAN_MODE);
            macvlanMode = mode == null || mode.length < 4 ? 0 : wrap(mode).getInt(0);
        }
        return new Link(index, name, flags, attrs.getOrDefault(LinuxConstants.IFLA_ADDRESS, new byte[0]),
                parent == null || parent.length < 4 ? 0 : wrap(parent).getInt(0), kind, macvlanMode,
                protoDown != null && protoDown.length > 0 && protoDown[0] != 0);
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    /** Text up to the first NUL (netlink strings are NUL-terminated, some not). */
    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /**
     * RTM_NEWLINK creating a macvlan in bridge mode (`ip link add NAME link BASE address MAC type macvlan
     * mode bridge`), down. NLM_F_EXCL: an interface of that name is an error, never taken over.
     */
    static byte[] newMacvlanRequest(int sequence, String name, int baseIndex, byte[] mac) {
        ByteBuffer b = begin(LinuxConstants.RTM_NEWLINK, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK
                | LinuxConstants.NLM_F_CREATE | LinuxConstants.NLM_F_EXCL, sequence);
        putIfinfomsg(b, 0, 0, 0);
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        putAttribute(b, LinuxConstants.IFLA_IFNAME, java.util.Arrays.copyOf(text, text.length + 1));
        putIntAttribute(b, LinuxConstants.IFLA_LINK, baseIndex);
        putAttribute(b, LinuxConstants.IFLA_ADDRESS, mac);
        int linkInfo = beginNested(b, LinuxConstants.IFLA_LINKINFO);
        putAttribute(b, LinuxConstants.IFLA_INFO_KIND, "macvlan".getBytes(StandardCharsets.US_ASCII));
        int data = beginNested(b, LinuxConstants.IFLA_INFO_DATA);
        putIntAttribute(b, LinuxConstants.IFLA_MACVLAN_MODE, LinuxConstants.MACVLAN_MODE_BRIDGE);
        endNested(b, data);
        endNested(b, linkInfo);
        return finish(b);
    }

    /** RTM_NEWLINK changing an existing link: IFF_UP set or cleared. */
    static byte[] setUpRequest(int sequence, int index, boolean up) {
        ByteBuffer b = begin(LinuxConstants.RTM_NEWLINK, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK,
                sequence);
        putIfinfomsg(b, index, up ? LinuxConstants.IFF_UP : 0, LinuxConstants.IFF_UP);
        return finish(b);
    }

    /** RTM_NEWLINK setting IFLA_PROTO_DOWN (`ip link set DEV protodown on|off`): carrier off, nothing sent. */
    static byte[] protoDownRequest(int sequence, int index, boolean down) {
        ByteBuffer b = begin(LinuxConstants.RTM_NEWLINK, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK,
                sequence);
        putIfinfomsg(b, index, 0, 0);
        putAttribute(b, LinuxConstants.IFLA_PROTO_DOWN, new byte[] {(byte) (down ? 1 : 0)});
        return finish(b);
    }

    /**
     * RTM_NEWLINK setting IPv6 address generation to none (`ip link set DEV addrgenmode none`): the kernel
     * then adds no link-local address of its own (which, made from the virtual MAC, would be the same on
     * every router of the VRID and fail duplicate detection).
     */
    static byte[] noAddressGenerationRequest(int sequence, int index) {
        ByteBuffer b = begin(LinuxConstants.RTM_NEWLINK, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK,
                sequence);
        putIfinfomsg(b, index, 0, 0);
        int spec = beginNested(b, LinuxConstants.IFLA_AF_SPEC);
        int inet6 = beginNested(b, LinuxConstants.AF_INET6);
        putAttribute(b, LinuxConstants.IFLA_INET6_ADDR_GEN_MODE, new byte[] {(byte) LinuxConstants.IN6_ADDR_GEN_MODE_NONE});
        endNested(b, inet6);
        endNested(b, spec);
        return finish(b);
    }

    /** RTM_DELLINK of one interface by index. */
    static byte[] deleteLinkRequest(int sequence, int index) {
        ByteBuffer b = begin(LinuxConstants.RTM_DELLINK, LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK,
                sequence);
        putIfinfomsg(b, index, 0, 0);
        return finish(b);
    }

    /** struct ifinfomsg { u8 family; u8 pad; u16 type; int index; u32 flags; u32 change; } */
    private static void putIfinfomsg(ByteBuffer b, int index, int flags, int change) {
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
    }

    /** Starts a nested attribute; returns its start for {@link #endNested}. */
    private static int beginNested(ByteBuffer b, int type) {
        int start = b.position();
        b.putShort((short) 0).putShort((short) (type | LinuxConstants.NLA_F_NESTED));
        return start;
    }

    private static void endNested(ByteBuffer b, int start) {
        b.putShort(start, (short) (b.position() - start));
    }

    /** RTM_NEWADDR payload: ifaddrmsg (8 bytes) then attributes; IFA_LOCAL preferred over IFA_ADDRESS. */
    static Address address(Message m) {
        ByteBuffer p = m.payload();
        int family = Byte.toUnsignedInt(p.get(0));
        int prefix = Byte.toUnsignedInt(p.get(1));
        int flags = Byte.toUnsignedInt(p.get(2));
        int scope = Byte.toUnsignedInt(p.get(3));
        int index = p.getInt(4);
        Map<Integer, byte[]> attrs = attributes(p, 8);
        byte[] extendedFlags = attrs.get(LinuxConstants.IFA_FLAGS);
        if (extendedFlags != null && extendedFlags.length == 4) {
            flags = ByteBuffer.wrap(extendedFlags).order(ByteOrder.nativeOrder()).getInt();
        }
        byte[] address = attrs.getOrDefault(LinuxConstants.IFA_LOCAL, attrs.get(LinuxConstants.IFA_ADDRESS));
        byte[] protocol = attrs.get(LinuxConstants.IFA_PROTO);
        return new Address(family, prefix, flags, scope, index, address == null ? new byte[0] : address,
                protocol == null || protocol.length < 1 ? 0 : Byte.toUnsignedInt(protocol[0]));
    }

    /** The negative errno of an NLMSG_ERROR message (0 is an acknowledgement). */
    static int errorCode(Message m) {
        return m.payload().getInt(0);
    }

    /**
     * The kernel's extended-ack text in an NLMSG_ERROR message (pitfall 9), or null. The TLVs follow the
     * echoed request: only its header when the kernel capped it (NLM_F_CAPPED), else the whole request.
     */
    static String extendedAckMessage(Message m) {
        if ((m.flags() & LinuxConstants.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        ByteBuffer p = m.payload();
        if (p.limit() < 4 + LinuxConstants.SIZEOF_NLMSGHDR) {
            return null;
        }
        boolean capped = (m.flags() & 0x100) != 0; // NLM_F_CAPPED
        int echoed = capped ? LinuxConstants.SIZEOF_NLMSGHDR : p.getInt(4);
        byte[] text = attributes(p, 4 + align4(echoed)).get(LinuxConstants.NLMSGERR_ATTR_MSG);
        if (text == null) {
            return null;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }
}
