package org.vrrp;

import java.util.Objects;

/**
 * A tracked interface with a weight, as keepalived's {@code track_interface IFACE weight N [reverse]}.
 *
 * <p>Weight 0: carrier loss puts the instance in FAULT ({@code reverse} has no effect then). Otherwise the link
 * changes the priority, as keepalived 2.2.7 does it (vrrp_track.c): a positive weight is added while the link is
 * up, a negative one added (so subtracted) while it is down; {@code reverse} negates what is added. Immutable.
 *
 * @param name    the interface
 * @param weight  -253..253; 0 means FAULT instead of a priority change
 * @param reverse keepalived's {@code reverse}
 */
public record TrackedLink(String name, int weight, boolean reverse) {
    /**
     * Checks that the name is present.
     *
     * @param name the interface
     * @param weight -253..253; 0 means FAULT instead of a priority change
     * @param reverse keepalived's {@code reverse}
     */
    public TrackedLink {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Whether this link in this state holds the instance in FAULT.
     *
     * @param up whether the link has carrier
     * @return whether it holds the instance in FAULT
     */
    public boolean isFault(boolean up) {
        return weight == 0 && !up;
    }

    /**
     * What this link adds to the priority in this state.
     *
     * @param up whether the link has carrier
     * @return what it adds (negative: what it takes)
     */
    public int contribution(boolean up) {
        int sign = reverse ? -1 : 1;
        if (up) {
            return weight > 0 ? weight * sign : 0;
        }
        return weight < 0 ? weight * sign : 0;
    }
}
