package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vrrp.script.NotifyScripts;

/**
 * Reads {@code vrrp_sync_group NAME { group { ... } ... }} blocks; members and tracked scripts are
 * checked once every block of the file has been read, since keepalived allows forward references.
 */
final class SyncGroupReader {
    /** A group as written, before cross references are checked. */
    record Raw(String name, List<Token> members, List<TrackReader.Entry> interfaces,
               List<TrackReader.Entry> scripts, NotifyScripts notifyScripts, SourceLocation location) {}

    private final Values values;
    private final Problems problems;
    private final TrackReader tracks;

    SyncGroupReader(Values values, Problems problems, TrackReader tracks) {
        this.values = values;
        this.problems = problems;
        this.tracks = tracks;
    }

    Optional<Raw> read(ConfigNode block) {
        Optional<String> name = values.blockName(block);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<Token> members = new ArrayList<>();
        List<TrackReader.Entry> interfaces = List.of();
        List<TrackReader.Entry> scripts = List.of();
        NotifyReader notify = new NotifyReader(problems, false);
        for (ConfigNode node : block.children()) {
            if (notify.accept(node)) {
                continue;
            }
            switch (node.keyword()) {
                case "group":
                    for (ConfigNode member : node.children()) {
                        members.add(new Token(Token.Kind.WORD, member.keyword(), member.location()));
                        member.args().forEach(members::add);
                    }
                    break;
                case "track_interface":
                    interfaces = tracks.read(node);
                    break;
                case "track_script":
                    scripts = tracks.read(node);
                    break;
                case "smtp_alert":
                    Ignored.warn(problems, node, Ignored.INSTANCE.get("smtp_alert"));
                    break;
                case "global_tracking":
                case "sync_group_tracking_weight":
                    Ignored.warn(problems, node, "members' tracker weights are not shared across the group");
                    break;
                default:
                    Ignored.warnUnhandled(problems, node, Ignored.INSTANCE, "in vrrp_sync_group " + name.get());
            }
        }
        if (members.isEmpty()) {
            problems.error(block.location(), "group", "vrrp_sync_group " + name.get()
                    + " has no members: add group { INSTANCE_NAME ... }");
            return Optional.empty();
        }
        return Optional.of(new Raw(name.get(), members, interfaces, scripts, notify.build(), block.location()));
    }

    /** Checks members and scripts exist and no instance is in two groups. */
    List<VrrpSyncGroupDef> resolve(List<Raw> groups, Map<String, VrrpInstanceDef> instances,
                                   Map<String, VrrpScriptDef> scripts) {
        List<VrrpSyncGroupDef> resolved = new ArrayList<>();
        Map<String, String> groupOfInstance = new java.util.HashMap<>();
        for (Raw group : groups) {
            List<String> names = new ArrayList<>();
            for (Token member : group.members()) {
                if (!instances.containsKey(member.text())) {
                    problems.error(member.location(), "group", "vrrp_sync_group " + group.name() + ": member "
                            + member.text() + " is not a vrrp_instance"
                            + (instances.isEmpty() ? "" : "; instances are " + String.join(", ", instances.keySet())));
                    continue;
                }
                String other = groupOfInstance.putIfAbsent(member.text(), group.name());
                if (other != null) {
                    problems.error(member.location(), "group", "vrrp_sync_group " + group.name() + ": vrrp_instance "
                            + member.text() + " is already in vrrp_sync_group " + other + "; an instance can be in one group only");
                    continue;
                }
                names.add(member.text());
            }
            resolved.add(new VrrpSyncGroupDef(group.name(), names,
                    group.interfaces().stream().map(TrackReader.Entry::toInterface).toList(),
                    tracks.resolveScripts(group.scripts(), scripts, "vrrp_sync_group " + group.name()),
                    group.notifyScripts(), group.location()));
        }
        return resolved;
    }
}
