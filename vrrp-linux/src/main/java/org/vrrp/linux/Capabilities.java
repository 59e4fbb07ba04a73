package org.vrrp.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The capability pre-flight: does this process hold, in its effective set, the two capabilities a
 * router uses, CAP_NET_RAW (raw VRRP, ARP and ICMPv6 sockets, SO_BINDTODEVICE) and CAP_NET_ADMIN
 * (adding and removing VIPs)? Read from the {@code CapEff} line of /proc/self/status: no system call
 * that changes anything, so nothing is visible on the host, unlike adding and removing a test address.
 *
 * <p>Why the effective set is enough in practice, and where it is not (docs/linux.md): the kernel
 * checks these capabilities against the user namespace that owns the network namespace. For a process
 * in the initial user namespace (root, systemd AmbientCapabilities, setpriv) or in a container whose
 * network namespace its own user namespace owns, CapEff is exactly what the kernel will check. It
 * cannot see a security module (SELinux, AppArmor) or a seccomp filter that refuses despite the
 * capability, nor a network namespace owned by an ancestor user namespace; those fail at run time,
 * where a VIP the kernel refuses sends the instance to FAULT, never to MASTER.
 *
 * <p>Stateless and thread-safe; reads /proc on every call (capabilities can be dropped at run time).
 */
final class Capabilities {
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;
    private static final Path STATUS = Path.of("/proc/self/status");

    private Capabilities() {
    }

    /** The CapEff bits, or -1 if /proc does not say (then the check is skipped, not failed). */
    static long effective() {
        try {
            return parseEffective(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CapEff from /proc/PID/status text; -1 if there is no such line. */
    static long parseEffective(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                return Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
            }
        }
        return -1;
    }

    /**
     * What is missing from {@code effective}, as an operator-facing sentence naming the capability and
     * the fix, or the empty string when nothing is (or when {@code effective} is -1: unknown).
     */
    static String missing(long effective) {
        if (effective == -1) {
            return "";
        }
        List<String> lacking = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        if ((effective & (1L << CAP_NET_ADMIN)) == 0) {
            lacking.add("CAP_NET_ADMIN");
            uses.add("adding and removing VIPs needs CAP_NET_ADMIN");
        }
        if ((effective & (1L << CAP_NET_RAW)) == 0) {
            lacking.add("CAP_NET_RAW");
            uses.add("the raw VRRP socket needs CAP_NET_RAW");
        }
        if (lacking.isEmpty()) {
            return "";
        }
        return "this process lacks " + String.join(" and ", lacking) + " (effective capabilities: "
                + String.format("%016x", effective) + "); " + String.join(", ", uses) + ": " + Advice.grant();
    }
}
