package org.vrrp.config.keepalived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the VRRP part of a keepalived.conf: {@code global_defs}, {@code net_namespace},
 * {@code vrrp_script}, {@code vrrp_sync_group} and {@code vrrp_instance}, with {@code include}s.
 *
 * <pre>{@code
 * KeepalivedConfig config = KeepalivedConfigReader.read(Path.of("/etc/keepalived/keepalived.conf"));
 * config.warnings().forEach(w -> log.warn("{}", w));
 * for (VrrpInstanceDef instance : config.instances()) { ... }
 * }</pre>
 *
 * <p>Guarantees: the whole input is read before anything is reported, so every error is in the one
 * {@link KeepalivedConfigException} thrown, each naming file, line, keyword, value and the allowed
 * range or the fix. Anything keepalived accepts that this reader does not use is a warning in
 * {@link KeepalivedConfig#warnings()}, never silently dropped: unknown keywords one warning each,
 * non-VRRP blocks ({@code virtual_server}, {@code static_routes}, ...) one warning per block.
 *
 * <p>Threading: stateless; both methods may be called concurrently. They read files (the given file
 * and its includes) on the calling thread and start no thread.
 */
public final class KeepalivedConfigReader {
    private KeepalivedConfigReader() {}

    /**
     * Reads {@code file} and the files it includes (relative to each including file's directory), with
     * keepalived's default configuration id ({@link ConfigId#defaultId()}: the short host name).
     *
     * @param file the file
     * @return the configuration read
     * @throws KeepalivedConfigException listing every error, including an unreadable file
     */
    public static KeepalivedConfig read(Path file) throws KeepalivedConfigException {
        return read(file, ConfigId.defaultId());
    }

    /**
     * Reads {@code file} and its includes as keepalived started with {@code -i CONFIG_ID} would: lines
     * starting {@code @CONFIG_ID} are read, lines starting {@code @^CONFIG_ID} are not; with an empty id
     * every {@code @ID} line is skipped and every {@code @^ID} line read.
     *
     * @param file the file
     * @param configId the config id
     * @return the configuration read
     * @throws KeepalivedConfigException listing every error, including an unreadable file
     */
    public static KeepalivedConfig read(Path file, Optional<String> configId) throws KeepalivedConfigException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(configId, "configId");
        Problems problems = new Problems();
        String name = file.toString();
        List<ConfigNode> nodes = new SyntaxTreeBuilder(problems, configId.orElse(null)).parseFile(file, name, null);
        return interpret(nodes, problems, name);
    }

    /**
     * Parses configuration text. {@code fileNameForMessages} is used in every message
     * ({@code keepalived.conf:12: ...}); includes are resolved against the working directory.
     *
     * @param text the text
     * @param fileNameForMessages the file name for messages
     * @return the configuration parsed
     * @throws KeepalivedConfigException listing every error
     */
    public static KeepalivedConfig parse(String text, String fileNameForMessages) throws KeepalivedConfigException {
        return parse(text, fileNameForMessages, ConfigId.defaultId());
    }

    /**
     * {@link #parse(String, String)} with the configuration id {@code configId} (see {@link #read(Path, Optional)}).
     *
     * @param text the text
     * @param fileNameForMessages the file name for messages
     * @param configId the config id
     * @return the configuration parsed
     * @throws KeepalivedConfigException listing every error found, each with file, line and the fix
     */
    public static KeepalivedConfig parse(String text, String fileNameForMessages, Optional<String> configId)
            throws KeepalivedConfigException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileNameForMessages, "fileNameForMessages");
        Objects.requireNonNull(configId, "configId");
        Problems problems = new Problems();
        List<ConfigNode> nodes = new SyntaxTreeBuilder(problems, configId.orElse(null)).parseText(text,
                fileNameForMessages);
        return interpret(nodes, problems, fileNameForMessages);
    }

    private static KeepalivedConfig interpret(List<ConfigNode> nodes, Problems problems, String subject)
            throws KeepalivedConfigException {
        Values values = new Values(problems);
        TrackReader tracks = new TrackReader(values, problems);
        GlobalDefsReader globals = new GlobalDefsReader(values, problems);
        ScriptDefReader scriptReader = new ScriptDefReader(values, problems);
        SyncGroupReader groupReader = new SyncGroupReader(values, problems, tracks);
        InstanceReader instanceReader = new InstanceReader(values, problems, tracks);

        Optional<String> netNamespace = Optional.empty();
        Optional<String> instanceName = Optional.empty();
        Map<String, VrrpScriptDef> scripts = new LinkedHashMap<>();
        List<SyncGroupReader.Raw> rawGroups = new ArrayList<>();
        List<InstanceReader.Raw> rawInstances = new ArrayList<>();
        for (ConfigNode node : nodes) {
            switch (node.keyword()) {
                case "global_defs":
                    globals.read(node);
                    break;
                case "net_namespace":
                    netNamespace = values.single(node, "a network namespace name");
                    break;
                case "instance":
                    instanceName = values.single(node, "a name");
                    break;
                case "vrrp_script":
                    scriptReader.read(node).ifPresent(s -> {
                        VrrpScriptDef previous = scripts.putIfAbsent(s.name(), s);
                        if (previous != null) {
                            duplicate(problems, node, s.name(), previous.location());
                        }
                    });
                    break;
                case "vrrp_sync_group":
                    groupReader.read(node).ifPresent(rawGroups::add);
                    break;
                case "vrrp_instance":
                    instanceReader.read(node).ifPresent(rawInstances::add);
                    break;
                default:
                    String reason = Ignored.TOP_LEVEL_BLOCKS.get(node.keyword());
                    if (reason != null) {
                        problems.warn(node.location(), node.keyword(), node.keyword()
                                + " block is not handled by this reader (VRRP only), skipped: " + reason);
                    } else {
                        Ignored.unknown(problems, node, "at top level");
                    }
            }
        }
        GlobalDefs globalDefs = globals.build();
        Map<String, VrrpInstanceDef> instances = new LinkedHashMap<>();
        Map<String, VrrpInstanceDef> byVrid = new HashMap<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        for (InstanceReader.Raw raw : rawInstances) {
            SourceLocation first = seen.putIfAbsent(raw.name, raw.location);
            if (first != null) {
                problems.error(raw.location, "vrrp_instance", "vrrp_instance " + raw.name + " is defined twice; first at "
                        + first);
                continue;
            }
            instanceReader.resolve(raw, globalDefs, scripts).ifPresent(instance -> {
                instances.put(instance.name(), instance);
                checkVridUnique(problems, byVrid, instance);
            });
        }
        List<VrrpSyncGroupDef> groups = groupReader.resolve(rawGroups, instances, scripts);
        groups.forEach(g -> warnWeightedMemberTrackers(problems, g, instances));
        problems.throwIfErrors(subject);
        return new KeepalivedConfig(globalDefs, netNamespace.or(globals::netNamespace),
                List.copyOf(instances.values()), groups, List.copyOf(scripts.values()), problems.warnings(),
                instanceName.or(globals::instanceName), problems.harmlessSummary(subject));
    }

    /** Two multicast instances with one VRID on one interface and family would answer each other's adverts. */
    private static void checkVridUnique(Problems problems, Map<String, VrrpInstanceDef> byVrid, VrrpInstanceDef instance) {
        if (!instance.unicastPeers().isEmpty()) {
            return;
        }
        String key = instance.interfaceName() + "/" + instance.virtualRouterId() + "/" + instance.family();
        VrrpInstanceDef other = byVrid.putIfAbsent(key, instance);
        if (other != null) {
            problems.error(instance.locationOf("virtual_router_id"), "virtual_router_id", "virtual_router_id "
                    + instance.virtualRouterId() + " on " + instance.interfaceName() + " is already used by vrrp_instance "
                    + other.name() + " (" + other.locationOf("virtual_router_id") + "); use another id");
        }
    }

    /**
     * keepalived ignores non-zero tracker weights on sync group members (keepalived.conf(5)): members
     * with different priorities would keep re-electing. The model keeps the weight; the warning tells
     * the operator it should be 0.
     */
    private static void warnWeightedMemberTrackers(Problems problems, VrrpSyncGroupDef group,
                                                   Map<String, VrrpInstanceDef> instances) {
        for (String member : group.instanceNames()) {
            VrrpInstanceDef instance = instances.get(member);
            for (TrackedScript t : instance.trackScripts()) {
                if (t.weight() != 0) {
                    warnWeighted(problems, t.location(), "track_script", t.name(), t.weight(), member, group.name());
                }
            }
            for (TrackedInterface t : instance.trackInterfaces()) {
                if (t.weight() != 0) {
                    warnWeighted(problems, t.location(), "track_interface", t.name(), t.weight(), member, group.name());
                }
            }
        }
    }

    private static void warnWeighted(Problems problems, SourceLocation at, String keyword, String name, int weight,
                                     String member, String group) {
        problems.warn(at, keyword, keyword + " " + name + " weight " + weight + " on vrrp_instance " + member
                + ", a member of vrrp_sync_group " + group + ": keepalived ignores non-zero weights of sync group"
                + " members; use weight 0 (failure = FAULT for the whole group)");
    }

    private static void duplicate(Problems problems, ConfigNode node, String name, SourceLocation first) {
        problems.error(node.location(), node.keyword(), node.keyword() + " " + name + " is defined twice; first at " + first);
    }
}
