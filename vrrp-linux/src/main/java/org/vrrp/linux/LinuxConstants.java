package org.vrrp.linux;

/**
 * Linux constants for x86_64 and aarch64 (the values are the same on both), from the kernel's uapi
 * headers. jnr-constants lacks most of these (AF_PACKET, IPV6_*, NETLINK_*, RTM_*, IFA_*, ETH_P_*), so
 * they live here, in one place.
 */
final class LinuxConstants {
    private LinuxConstants() {
    }

    // errno
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENETUNREACH = 101;
    static final int EADDRNOTAVAIL = 99;
    static final int ESRCH = 3;
    static final int EOPNOTSUPP = 95;
    static final int EADDRINUSE = 98;

    // socket(2)
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_IPV6 = 41;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_VRRP = 112;
    static final int MSG_DONTWAIT = 0x40;

    // SOL_SOCKET options
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_RCVBUFFORCE = 33;

    // IPPROTO_IP options
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_MTU_DISCOVER = 10;
    static final int IP_PMTUDISC_DONT = 0;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;

    // IPPROTO_IPV6 options
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_MULTICAST_ALL = 29;
    static final int IPV6_TCLASS = 67;

    // IPPROTO_ICMPV6 options
    static final int ICMP6_FILTER = 1;

    // Ethernet / packet sockets
    static final int ETH_P_ARP = 0x0806;
    static final int ETH_P_IP = 0x0800;
    static final int ARPHRD_ETHER = 1;

    // netlink
    static final int NETLINK_ROUTE = 0;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTMGRP_LINK = 1;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_LINK = 5;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_PROTO_DOWN = 39;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_MACVLAN_MODE = 1;
    static final int MACVLAN_MODE_BRIDGE = 4;
    static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    static final int IN6_ADDR_GEN_MODE_NONE = 1;
    static final int NLA_F_NESTED = 0x8000;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_FLAGS = 8;
    /** u8 "address protocol": who added the address (Linux 5.18+; older kernels ignore it). */
    static final int IFA_PROTO = 11;
    /**
     * The IFA_PROTO value this library puts on every VIP it adds, so that a later run (after kill -9)
     * recognises its own leftovers and nothing else. Not one of the kernel's own (0 unspec, 1 loopback,
     * 2 router advertisement, 3 link-local); 118 is ASCII 'v'.
     */
    static final int IFAPROT_VRRP = 118;
    static final int IFA_F_SECONDARY = 0x01;
    static final int IFA_F_NODAD = 0x02;
    static final int IFA_F_DADFAILED = 0x08;
    static final int IFA_F_TENTATIVE = 0x40;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int RT_SCOPE_HOST = 254;

    // interface flags
    static final int IFF_UP = 0x1;
    /** Operationally up: set by the kernel's link watch, just before it gives the device its queue. */
    static final int IFF_RUNNING = 0x40;
    static final int IFF_LOWER_UP = 0x10000;

    // poll, eventfd, open, setns
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    /** sched_setscheduler(2) policies (linux/sched.h). */
    static final int SCHED_OTHER = 0;
    static final int SCHED_RR = 2;
    /** Or-ed into the policy: threads and processes the caller creates start under SCHED_OTHER again. */
    static final int SCHED_RESET_ON_FORK = 0x40000000;

    // struct sizes (LP64), padded as C pads them (pitfall 2)
    static final int SIZEOF_SOCKADDR_IN = 16;
    static final int SIZEOF_SOCKADDR_IN6 = 28;
    static final int SIZEOF_SOCKADDR_LL = 20;
    static final int SIZEOF_SOCKADDR_NL = 12;
    static final int SIZEOF_IP_MREQN = 12;
    static final int SIZEOF_IPV6_MREQ = 20;
    static final int SIZEOF_MSGHDR = 56;
    static final int SIZEOF_IOVEC = 16;
    static final int SIZEOF_CMSGHDR = 16;
    static final int SIZEOF_POLLFD = 8;
    static final int SIZEOF_NLMSGHDR = 16;
}
