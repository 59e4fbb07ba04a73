package org.vrrp;

import java.util.List;
import java.util.Map;

/**
 * One validated VRRP instance of a {@link VrrpRouterConfig}: its protocol settings and what it tracks.
 *
 * @param protocol           the settings the state machine runs on
 * @param trackedInterfaces  interfaces whose carrier loss puts the instance in FAULT (its own interface
 *                           is among them unless {@code dontTrackPrimary} was set), unless weighted
 * @param trackedChecks      health check name to the weight it has for this instance
 * @param weightedLinks      the tracked interfaces with a non-zero weight: they change the priority instead of
 *                           causing FAULT (keepalived's {@code track_interface IFACE weight N [reverse]})
 * @param virtualMac         the instance's virtual MAC interface, or null to answer for the VIPs with the
 *                           interface's own MAC
 */
public record InstanceSpec(InstanceConfig protocol, List<String> trackedInterfaces, Map<String, Integer> trackedChecks,
                           Map<String, TrackedLink> weightedLinks, VirtualMac virtualMac) {
    /**
     * Copies the lists and the maps, so the spec is immutable.
     *
     * @param protocol the settings the state machine runs on
     * @param trackedInterfaces interfaces whose carrier loss puts the instance in FAULT (its own interface is among them unless {@code dontTrackPrimary} was set), unless weighted
     * @param trackedChecks health check name to the weight it has for this instance
     * @param weightedLinks the tracked interfaces with a non-zero weight
     * @param virtualMac the virtual MAC interface, or null for none
     */
    public InstanceSpec {
        trackedInterfaces = List.copyOf(trackedInterfaces);
        trackedChecks = Map.copyOf(trackedChecks);
        weightedLinks = Map.copyOf(weightedLinks);
    }

    /**
     * An instance without virtual MAC.
     *
     * @param protocol the settings the state machine runs on
     * @param trackedInterfaces interfaces whose carrier loss puts the instance in FAULT, unless weighted
     * @param trackedChecks health check name to the weight it has for this instance
     * @param weightedLinks the tracked interfaces with a non-zero weight
     */
    public InstanceSpec(InstanceConfig protocol, List<String> trackedInterfaces, Map<String, Integer> trackedChecks,
                        Map<String, TrackedLink> weightedLinks) {
        this(protocol, trackedInterfaces, trackedChecks, weightedLinks, null);
    }

    /**
     * An instance whose tracked interfaces all mean FAULT on carrier loss.
     *
     * @param protocol the settings the state machine runs on
     * @param trackedInterfaces interfaces whose carrier loss puts the instance in FAULT
     * @param trackedChecks health check name to the weight it has for this instance
     */
    public InstanceSpec(InstanceConfig protocol, List<String> trackedInterfaces, Map<String, Integer> trackedChecks) {
        this(protocol, trackedInterfaces, trackedChecks, Map.of());
    }

    /** @return the instance's name */
    public String name() {
        return protocol.name();
    }
}
