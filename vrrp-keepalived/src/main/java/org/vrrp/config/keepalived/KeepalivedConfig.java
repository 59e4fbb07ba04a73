package org.vrrp.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The VRRP part of a keepalived configuration, validated: global settings, instances, sync groups
 * and health-check scripts, plus the warnings found while reading. Immutable and thread-safe.
 *
 * <p>Read one with {@link KeepalivedConfigReader}. Cross references are checked: every sync group
 * member names an instance here and every {@code track_script} names a script here.
 *
 * @param globalDefs   the VRRP-related global settings
 * @param netNamespace top-level {@code net_namespace NAME}: the network namespace keepalived would run in
 * @param instances    the vrrp_instance blocks, in file order
 * @param syncGroups   the vrrp_sync_group blocks, in file order
 * @param scripts      the vrrp_script blocks, in file order
 * @param warnings     what was ignored or adjusted, in file order; log these for the operator
 * @param instanceName keepalived's {@code instance NAME}, which names its pid files and log ident
 * @param notes        at most one INFO line summing up the keywords accepted with no effect here
 */
public record KeepalivedConfig(GlobalDefs globalDefs, Optional<String> netNamespace, List<VrrpInstanceDef> instances,
                               List<VrrpSyncGroupDef> syncGroups, List<VrrpScriptDef> scripts,
                               List<Diagnostic> warnings, Optional<String> instanceName, List<Diagnostic> notes) {
    /**
     * Checks that the components are present and copies the collections, so the configuration is immutable.
     *
     * @param globalDefs the VRRP-related global settings
     * @param netNamespace top-level {@code net_namespace NAME}: the network namespace keepalived would run in
     * @param instances the vrrp_instance blocks, in file order
     * @param syncGroups the vrrp_sync_group blocks, in file order
     * @param scripts the vrrp_script blocks, in file order
     * @param warnings what was ignored or adjusted, in file order; log these for the operator
     * @param instanceName keepalived's {@code instance NAME}, which names its pid files and log ident
     * @param notes at most one INFO line summing up the keywords accepted with no effect here
     */
    public KeepalivedConfig {
        Objects.requireNonNull(globalDefs, "globalDefs");
        Objects.requireNonNull(netNamespace, "netNamespace");
        Objects.requireNonNull(instanceName, "instanceName");
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        scripts = List.copyOf(scripts);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /**
     * A configuration without {@code instance} name and notes.
     *
     * @param globalDefs the global defs
     * @param netNamespace the net namespace
     * @param instances the instances
     * @param syncGroups the sync groups
     * @param scripts the scripts
     * @param warnings the warnings
     */
    public KeepalivedConfig(GlobalDefs globalDefs, Optional<String> netNamespace, List<VrrpInstanceDef> instances,
                            List<VrrpSyncGroupDef> syncGroups, List<VrrpScriptDef> scripts, List<Diagnostic> warnings) {
        this(globalDefs, netNamespace, instances, syncGroups, scripts, warnings, Optional.empty(), List.of());
    }

    /**
     * The name keepalived would append to its pid files and log ident, and this library to its default
     * control socket: {@code net_namespace}, then {@code instance}, joined by {@code _}; empty with neither.
     *
     * @return the process name
     */
    public Optional<String> processName() {
        List<String> parts = new java.util.ArrayList<>();
        netNamespace.ifPresent(parts::add);
        instanceName.ifPresent(parts::add);
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("_", parts));
    }

    /**
     * The instance called {@code name}.
     *
     * @param name the instance's name
     * @return the instance called {@code name}
     */
    public Optional<VrrpInstanceDef> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * The vrrp_script called {@code name}.
     *
     * @param name the script's name
     * @return the vrrp_script called {@code name}
     */
    public Optional<VrrpScriptDef> script(String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The sync group that has {@code instanceName} as a member, if any (keepalived allows at most one).
     *
     * @param instanceName the instance name
     * @return the sync group that has {@code instanceName} as a member, if any (keepalived allows at most one)
     */
    public Optional<VrrpSyncGroupDef> syncGroupOf(String instanceName) {
        return syncGroups.stream().filter(g -> g.instanceNames().contains(instanceName)).findFirst();
    }
}
