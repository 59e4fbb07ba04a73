package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.vrrp.packet.VrrpLimits;

/**
 * Reads {@code track_interface { NAME [weight N] [reverse|noreverse] ... }} and the same shape of
 * {@code track_script}, for instances and sync groups alike. Weights are -253..253 as in keepalived.
 */
final class TrackReader {

    /** One entry as written; the weight is resolved later for scripts, whose default weight lives in the vrrp_script. */
    record Entry(String name, OptionalInt weight, Optional<Boolean> reverse, SourceLocation location) {
        TrackedInterface toInterface() {
            return new TrackedInterface(name, weight.orElse(0), reverse.orElse(false), location);
        }
    }

    /**
     * The script entries with their weights resolved (the entry's, else the vrrp_script's); an entry
     * naming no vrrp_script is an error and dropped.
     */
    List<TrackedScript> resolveScripts(List<Entry> entries, Map<String, VrrpScriptDef> scripts, String owner) {
        List<TrackedScript> resolved = new ArrayList<>();
        for (Entry entry : entries) {
            VrrpScriptDef script = scripts.get(entry.name());
            if (script == null) {
                problems.error(entry.location(), "track_script", "track_script " + entry.name() + " in " + owner
                        + " names no vrrp_script; define vrrp_script " + entry.name() + " { script ... }"
                        + (scripts.isEmpty() ? "" : " or use one of " + String.join(", ", scripts.keySet())));
                continue;
            }
            resolved.add(new TrackedScript(entry.name(), entry.weight().orElse(script.weight()),
                    entry.reverse().orElse(script.weightReverse()), entry.location()));
        }
        return resolved;
    }

    private final Values values;
    private final Problems problems;

    TrackReader(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    List<Entry> read(ConfigNode block) {
        return read(block, VrrpLimits.MAX_WEIGHT);
    }

    /** As {@link #read(ConfigNode)}, with weights in {@code -maxWeight..maxWeight}. */
    List<Entry> read(ConfigNode block, int maxWeight) {
        if (!block.isBlock()) {
            problems.error(block.location(), block.keyword(), block.keyword() + " needs a block: "
                    + block.keyword() + " { NAME [weight N] }");
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (ConfigNode entry : block.children()) {
            OptionalInt weight = OptionalInt.empty();
            Optional<Boolean> reverse = Optional.empty();
            for (int i = 0; i < entry.argCount(); i++) {
                String word = entry.arg(i);
                if (word.equals("weight") && i + 1 < entry.argCount()) {
                    i++;
                    weight = values.intInRange(entry, "weight", entry.arg(i), -maxWeight, maxWeight,
                            " (" + block.keyword() + " " + entry.keyword() + ")");
                } else if (word.equals("reverse") || word.equals("noreverse")) {
                    reverse = Optional.of(word.equals("reverse"));
                } else {
                    problems.warn(entry.location(), block.keyword(), block.keyword() + " " + entry.keyword()
                            + ": unknown option " + word + ", ignored (expected weight N, reverse or noreverse)");
                }
            }
            entries.add(new Entry(entry.keyword(), weight, reverse, entry.location()));
        }
        return entries;
    }
}
