package org.vrrp.config.keepalived;

import java.util.Objects;

/**
 * One entry of {@code track_script}, with the weight resolved: the entry's own {@code weight}, else
 * the {@code vrrp_script}'s. Immutable and thread-safe.
 *
 * @param name     name of a {@link VrrpScriptDef} (checked to exist)
 * @param weight   -253..253; 0 means failure puts the instance in FAULT, positive is added while
 *                 healthy, negative subtracted while failing
 * @param reverse  keepalived's {@code reverse}: the direction of the adjustment is inverted
 * @param location where the entry was written
 */
public record TrackedScript(String name, int weight, boolean reverse, SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param name name of a {@link VrrpScriptDef} (checked to exist)
     * @param weight -253..253; 0 means failure puts the instance in FAULT, positive is added while healthy, negative subtracted while failing
     * @param reverse keepalived's {@code reverse}: the direction of the adjustment is inverted
     * @param location where the entry was written
     */
    public TrackedScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
