package org.vrrp.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * IPv4 per-interface settings ({@code net.ipv4.conf.IFACE.KEY}), read and written through /proc/sys from a
 * thread inside the stack's namespace: /proc/sys/net shows the namespace of the thread that opens the file.
 */
final class InterfaceSysctls {
    private InterfaceSysctls() {
    }

    static int read(NetworkNamespace namespace, String interfaceName, String key) throws IOException {
        Path path = path(interfaceName, key);
        return namespace.run(() -> {
            try {
                return Integer.parseInt(Files.readString(path, StandardCharsets.US_ASCII).trim());
            } catch (IOException | NumberFormatException e) {
                throw new IOException("cannot read " + name(interfaceName, key) + " (" + path + ") in " + namespace
                        + ": " + e.getMessage(), e);
            }
        });
    }

    static void write(NetworkNamespace namespace, String interfaceName, String key, int value) throws IOException {
        Path path = path(interfaceName, key);
        namespace.run(() -> {
            try {
                Files.writeString(path, Integer.toString(value), StandardCharsets.US_ASCII);
                return null;
            } catch (IOException e) {
                throw new IOException("cannot set " + name(interfaceName, key) + "=" + value + " in " + namespace
                        + " (" + e.getMessage() + "): it needs CAP_NET_ADMIN and a writable /proc/sys, which a"
                        + " container runtime mounts read-only unless privileged; see docs/operations.md", e);
            }
        });
    }

    /** The sysctl's name as `sysctl` spells it, e.g. net.ipv4.conf.eth0.arp_ignore. */
    static String name(String interfaceName, String key) {
        return "net.ipv4.conf." + interfaceName + "." + key;
    }

    private static Path path(String interfaceName, String key) {
        return Path.of("/proc/sys/net/ipv4/conf", interfaceName, key);
    }
}
