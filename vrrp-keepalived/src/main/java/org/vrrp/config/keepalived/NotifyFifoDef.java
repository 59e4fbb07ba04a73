package org.vrrp.config.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * A notify FIFO of {@code global_defs}: {@code notify_fifo} or {@code vrrp_notify_fifo}, with its optional
 * {@code notify_fifo_script} / {@code vrrp_notify_fifo_script}. keepalived writes one line per instance or group
 * event to every FIFO configured ({@code INSTANCE "VI_1" MASTER 100}). Immutable and thread-safe.
 *
 * @param keyword  {@code notify_fifo} or {@code vrrp_notify_fifo}
 * @param path     the FIFO's path (created if missing)
 * @param script   the script started when the FIFO is opened, with the path as its last argument
 * @param location where the FIFO was named
 */
public record NotifyFifoDef(String keyword, String path, Optional<String> script, SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param keyword {@code notify_fifo} or {@code vrrp_notify_fifo}
     * @param path the FIFO's path
     * @param script the script started with the FIFO
     * @param location where the FIFO was named
     */
    public NotifyFifoDef {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(location, "location");
    }
}
