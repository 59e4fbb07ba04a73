package org.vrrp.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.vrrp.control.ControlProtocol;

/**
 * Default control socket paths, named like keepalived names its pid files: {@code /run/vrrp/vrrp.sock}
 * for a file with neither {@code net_namespace} nor {@code instance}, else
 * {@code /run/vrrp/vrrp_NAME.sock} where NAME is the namespace, the instance name, or both joined by
 * {@code _}. So two {@code vrrp run} processes for two namespaces need no option to live side by side.
 */
final class SocketPaths {
    private SocketPaths() {}

    /** The directory every default socket is in. */
    static final Path DIRECTORY = ControlProtocol.DEFAULT_SOCKET_PATH.getParent();

    /** The default socket of a process named {@code name} (see {@code KeepalivedConfig.processName()}). */
    static Path forName(Optional<String> name) {
        return name.map(SocketPaths::forName).orElse(ControlProtocol.DEFAULT_SOCKET_PATH);
    }

    /** {@code /run/vrrp/vrrp_NAME.sock}. */
    static Path forName(String name) {
        return DIRECTORY.resolve("vrrp_" + name + ".sock");
    }

    /** The name a default socket stands for: empty for vrrp.sock, NAME for vrrp_NAME.sock. */
    static String nameOf(Path socket) {
        String file = socket.getFileName().toString();
        return file.startsWith("vrrp_") ? file.substring(5, file.length() - ".sock".length()) : "";
    }

    /** Every default socket in {@code directory} ({@code vrrp.sock} and {@code vrrp_*.sock}), sorted. */
    static List<Path> all(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                String f = p.getFileName().toString();
                return f.equals("vrrp.sock") || (f.startsWith("vrrp_") && f.endsWith(".sock") && f.length() > 10);
            }).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
