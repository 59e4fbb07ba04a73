package org.vrrp.examples.differential;

import java.util.List;

/**
 * One router of a scenario: its host name, the segments it is attached to (eth0 on 0, eth1 on 1), its
 * keepalived.conf as a template ({@code @NOTIFY@} becomes a notify script that logs each transition with
 * a timestamp, {@code @CHECK@} a health check that passes while the harness says the router is healthy),
 * the state it settles in after start-up (the next router starts only then; null: do not wait) and
 * whether its health check passes at start.
 */
public record RouterSpec(String name, List<Integer> segments, String conf, String settlesIn, boolean healthy) {
    public static RouterSpec on(String name, String conf, String settlesIn) {
        return new RouterSpec(name, List.of(0), conf, settlesIn, true);
    }

    public RouterSpec alsoOnSegment1() {
        return new RouterSpec(name, List.of(0, 1), conf, settlesIn, healthy);
    }

    /** The same router whose health check fails from the start. */
    public RouterSpec unhealthy() {
        return new RouterSpec(name, segments, conf, settlesIn, false);
    }
}
