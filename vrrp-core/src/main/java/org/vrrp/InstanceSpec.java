package org.vrrp;

import java.util.List;
import java.util.Map;

/**
 * One validated VRRP instance of a {@link VrrpRouterConfig}: its protocol settings and what it tracks.
 *
 * @param protocol           the settings the state machine runs on
 * @param trackedInterfaces  interfaces whose carrier loss puts the instance in FAULT (its own interface
 *                           is among them unless {@code dontTrackPrimary} was set)
 * @param trackedChecks      health check name to the weight it has for this instance
 */
public record InstanceSpec(InstanceConfig protocol, List<String> trackedInterfaces, Map<String, Integer> trackedChecks) {
    /**
     * Copies the lists and the map, so the spec is immutable.
     *
     * @param protocol the settings the state machine runs on
     * @param trackedInterfaces interfaces whose carrier loss puts the instance in FAULT (its own interface is among them unless {@code dontTrackPrimary} was set)
     * @param trackedChecks health check name to the weight it has for this instance
     */
    public InstanceSpec {
        trackedInterfaces = List.copyOf(trackedInterfaces);
        trackedChecks = Map.copyOf(trackedChecks);
    }

    /** @return the instance's name */
    public String name() {
        return protocol.name();
    }
}
