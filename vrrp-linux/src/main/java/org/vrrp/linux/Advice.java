package org.vrrp.linux;

import static org.vrrp.linux.LinuxConstants.EACCES;
import static org.vrrp.linux.LinuxConstants.EPERM;

/** What to tell an operator when the kernel refuses us for lack of privilege. One wording, one place. */
final class Advice {
    private Advice() {
    }

    private static final String GRANT = "run as root, or grant it to the JVM with systemd"
            + " AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN, or `setpriv --inh-caps +net_raw,+net_admin"
            + " --ambient-caps +net_raw,+net_admin java ...` (see docs/operations.md)";

    /** How to grant CAP_NET_RAW and CAP_NET_ADMIN. */
    static String grant() {
        return GRANT;
    }

    static boolean isPermission(int errno) {
        return errno == EPERM || errno == EACCES;
    }

    /** For socket(2) of raw IP and packet sockets. */
    static String netRaw(int errno) {
        return isPermission(errno) ? "opening a raw IP socket needs CAP_NET_RAW: " + GRANT : "";
    }

    /**
     * For address changes and other rtnetlink writes. Only EPERM: rtnetlink answers a missing
     * CAP_NET_ADMIN with EPERM, while EACCES means something else (e.g. IPv6 disabled on the device).
     */
    static String netAdmin(int errno) {
        return errno == EPERM ? "changing addresses needs CAP_NET_ADMIN: " + GRANT : "";
    }

    /** For SO_BINDTODEVICE, which needs CAP_NET_RAW on the kernels we support. */
    static String bindToDevice(int errno) {
        return isPermission(errno) ? "binding a socket to an interface needs CAP_NET_RAW: " + GRANT : "";
    }

    /** For sendto(2): netfilter answers EPERM when an output rule drops a locally generated packet. */
    static String send(int errno) {
        return isPermission(errno) ? "the kernel refused to send it, usually because an output firewall rule"
                + " dropped it: allow IP protocol 112 (VRRP), ARP and ICMPv6 neighbor advertisements out"
                + " (see docs/operations.md)" : "";
    }

    /** For setns(2). */
    static String setns(int errno) {
        return isPermission(errno) ? "entering another network namespace needs CAP_SYS_ADMIN: run as root,"
                + " or add CAP_SYS_ADMIN to the capabilities granted to the JVM" : "";
    }

    /**
     * For sched_setscheduler(2) to SCHED_RR: EPERM when the thread has neither CAP_SYS_NICE nor an RLIMIT_RTPRIO
     * of at least {@code rtPriority}.
     */
    static String sysNice(int errno, int rtPriority) {
        return errno == EPERM ? "real-time priority needs CAP_SYS_NICE, or an RLIMIT_RTPRIO of at least " + rtPriority
                + ": run as root, or add CAP_SYS_NICE to the JVM's capabilities (systemd AmbientCapabilities=CAP_NET_RAW"
                + " CAP_NET_ADMIN CAP_SYS_NICE, or `setcap cap_net_raw,cap_net_admin,cap_sys_nice+ep` on the java"
                + " binary), or raise the limit (systemd LimitRTPRIO=" + rtPriority + ", or `ulimit -r "
                + rtPriority + "`)" : "";
    }
}
