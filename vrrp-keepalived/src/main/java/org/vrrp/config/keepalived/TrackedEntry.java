package org.vrrp.config.keepalived;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of an instance's {@code track_file { NAME [weight N] [reverse|noreverse] }} or
 * {@code track_process { ... }}: the weight and reverse as written, empty where the tracker's own default applies.
 * Immutable and thread-safe.
 */
public record TrackedEntry(String name, OptionalInt weight, Optional<Boolean> reverse, SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param name the tracker named
     * @param weight the weight written, if any
     * @param reverse {@code reverse} or {@code noreverse}, if written
     * @param location where the entry was written
     */
    public TrackedEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(reverse, "reverse");
        Objects.requireNonNull(location, "location");
    }
}
