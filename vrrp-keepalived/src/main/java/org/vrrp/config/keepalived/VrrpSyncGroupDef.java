package org.vrrp.config.keepalived;

import java.util.List;
import java.util.Objects;
import org.vrrp.script.NotifyScripts;

/**
 * A {@code vrrp_sync_group} block: instances that change state together. Immutable and thread-safe.
 *
 * @param name            the group's name (passed to its generic notify script)
 * @param instanceNames   the {@code group { ... }} members, each checked to name a vrrp_instance
 * @param trackInterfaces {@code track_interface} entries applying to every member
 * @param trackScripts    {@code track_script} entries applying to every member
 * @param notifyScripts   the group's notify scripts (type GROUP)
 * @param location        where the block starts
 */
public record VrrpSyncGroupDef(String name, List<String> instanceNames, List<TrackedInterface> trackInterfaces,
                               List<TrackedScript> trackScripts, NotifyScripts notifyScripts,
                               SourceLocation location) {
    /**
     * Checks that the components are present and copies the lists, so the definition is immutable.
     *
     * @param name the group's name (passed to its generic notify script)
     * @param instanceNames the {@code group { ... }} members, each checked to name a vrrp_instance
     * @param trackInterfaces {@code track_interface} entries applying to every member
     * @param trackScripts {@code track_script} entries applying to every member
     * @param notifyScripts the group's notify scripts (type GROUP)
     * @param location where the block starts
     */
    public VrrpSyncGroupDef {
        Objects.requireNonNull(name, "name");
        instanceNames = List.copyOf(instanceNames);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
        Objects.requireNonNull(location, "location");
    }
}
