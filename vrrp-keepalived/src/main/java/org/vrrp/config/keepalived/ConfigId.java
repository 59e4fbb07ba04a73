package org.vrrp.config.keepalived;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * keepalived's configuration id, which selects the {@code @ID} lines of a file: its {@code -i ID}
 * ({@code --config-id}) option, else the host name up to the first dot (keepalived 2.2.7, main.c).
 */
public final class ConfigId {
    private ConfigId() {}

    /**
     * The host name up to the first dot, as keepalived defaults it; empty when the host has no name.
     *
     * @return the host name up to the first dot, as keepalived defaults it; empty when the host has no name
     */
    public static Optional<String> defaultId() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        int dot = name.indexOf('.');
        return Optional.of(dot > 0 ? name.substring(0, dot) : name);
    }
}
