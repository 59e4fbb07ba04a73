package org.vrrp.config.keepalived;

import java.util.Objects;

/**
 * One entry of {@code track_interface}. Immutable and thread-safe.
 *
 * @param name     interface name
 * @param weight   -253..253; 0 (default) means link down puts the instance in FAULT, otherwise the
 *                 priority is adjusted (positive: added while up; negative: subtracted while down)
 * @param reverse  keepalived's {@code reverse}: the direction of the adjustment is inverted
 * @param location where the entry was written
 */
public record TrackedInterface(String name, int weight, boolean reverse, SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param name interface name
     * @param weight -253..253; 0 (default) means link down puts the instance in FAULT, otherwise the priority is adjusted (positive: added while up; negative: subtracted while down)
     * @param reverse keepalived's {@code reverse}: the direction of the adjustment is inverted
     * @param location where the entry was written
     */
    public TrackedInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
