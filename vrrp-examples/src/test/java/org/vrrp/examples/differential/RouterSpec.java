package org.vrrp.examples.differential;

import java.util.List;

/**
 * One router of a scenario: its host name, the segments it is attached to (eth0 on 0, eth1 on 1), its
 * keepalived.conf as a template ({@code @NOTIFY@} becomes a notify script that logs each transition with
 * a timestamp, {@code @CHECK@} a health check that passes while the harness says the router is healthy),
 * the state it settles in after start-up (the next router starts only then; null: do not wait) and
 * whether its health check passes at start; {@code extraAddress}, if not null, a second address on
 * eth0 (secondaries promoted, so that deleting the first address leaves it).
 */
public record RouterSpec(String name, List<Integer> segments, String conf, String settlesIn, boolean healthy,
                         String extraAddress) {
    public static RouterSpec on(String name, String conf, String settlesIn) {
        return new RouterSpec(name, List.of(0), conf, settlesIn, true, null);
    }

    public RouterSpec alsoOnSegment1() {
        return new RouterSpec(name, List.of(0, 1), conf, settlesIn, healthy, extraAddress);
    }

    /** The same router whose health check fails from the start. */
    public RouterSpec unhealthy() {
        return new RouterSpec(name, segments, conf, settlesIn, false, extraAddress);
    }

    /** The same router with a second address on eth0, e.g. {@code "192.0.2.11/24"}. */
    public RouterSpec withAddress(String cidr) {
        return new RouterSpec(name, segments, conf, settlesIn, healthy, cidr);
    }
}
