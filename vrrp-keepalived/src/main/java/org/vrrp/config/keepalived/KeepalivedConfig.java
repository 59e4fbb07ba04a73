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
 * @param trackFiles      {@code track_file} / {@code vrrp_track_file} blocks
 * @param trackProcesses  {@code vrrp_track_process} blocks
 */
public record KeepalivedConfig(GlobalDefs globalDefs, Optional<String> netNamespace, List<VrrpInstanceDef> instances,
                               List<VrrpSyncGroupDef> syncGroups, List<VrrpScriptDef> scripts,
                               List<Diagnostic> warnings, List<VrrpTrackFileDef> trackFiles,
                               List<VrrpTrackProcessDef> trackProcesses) {
    public KeepalivedConfig {
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        Objects.requireNonNull(globalDefs, "globalDefs");
        Objects.requireNonNull(netNamespace, "netNamespace");
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
        scripts = List.copyOf(scripts);
        warnings = List.copyOf(warnings);
    }

    /** The instance called {@code name}. */
    public Optional<VrrpInstanceDef> instance(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The vrrp_script called {@code name}. */
    public Optional<VrrpScriptDef> script(String name) {
        return scripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The sync group that has {@code instanceName} as a member, if any (keepalived allows at most one). */
    public Optional<VrrpSyncGroupDef> syncGroupOf(String instanceName) {
        return syncGroups.stream().filter(g -> g.instanceNames().contains(instanceName)).findFirst();
    }
}
