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
    public TrackedEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(reverse, "reverse");
        Objects.requireNonNull(location, "location");
    }
}
