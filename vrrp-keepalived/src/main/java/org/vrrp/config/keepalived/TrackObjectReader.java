package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads the top-level {@code track_file NAME { }} / {@code vrrp_track_file NAME { }} and
 * {@code vrrp_track_process NAME { }} blocks, with keepalived's keywords, defaults and ranges (track_file.c,
 * vrrp_parser.c), and the instances' {@code track_file { }} / {@code track_process { }} entries.
 */
final class TrackObjectReader {
    /** keepalived lets these weights reach 254 (a negative value read from a file times 254 is -254 or less). */
    static final int MAX_WEIGHT = 254;
    private static final int MAX_DELAY_MILLIS = 3_600_000;

    private final Values values;
    private final Problems problems;

    TrackObjectReader(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    Optional<VrrpTrackFileDef> readFile(ConfigNode block) {
        Optional<String> name = values.blockName(block);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> file = Optional.empty();
        int weight = 1;
        boolean reverse = false;
        OptionalLong initValue = OptionalLong.empty();
        boolean overwrite = false;
        for (ConfigNode node : block.children()) {
            switch (node.keyword()) {
                case "file":
                    file = values.single(node, "a file path");
                    break;
                case "weight":
                    weight = weight(node).orElse(weight);
                    reverse = reverse(node);
                    break;
                case "init_file":
                    long value = 0;
                    for (int i = 0; i < node.argCount(); i++) {
                        if (node.arg(i).equals("overwrite")) {
                            overwrite = true;
                        } else {
                            try {
                                value = Long.parseLong(node.arg(i));
                            } catch (NumberFormatException e) {
                                problems.error(node.location(), "init_file", "init_file " + node.arg(i)
                                        + " is neither a whole number nor overwrite");
                            }
                        }
                    }
                    initValue = OptionalLong.of(value);
                    break;
                default:
                    Ignored.unknown(problems, node, "in " + block.keyword() + " " + name.get());
            }
        }
        if (file.isEmpty()) {
            problems.error(block.location(), "file", block.keyword() + " " + name.get() + " has no file: add file \"/path\"");
            return Optional.empty();
        }
        return Optional.of(new VrrpTrackFileDef(name.get(), file.get(), weight, reverse, initValue, overwrite,
                block.location()));
    }

    Optional<VrrpTrackProcessDef> readProcess(ConfigNode block) {
        Optional<String> name = values.blockName(block);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> process = Optional.empty();
        List<String> params = new ArrayList<>();
        VrrpTrackProcessDef.ParamMatch match = VrrpTrackProcessDef.ParamMatch.NONE;
        boolean fullCommand = false;
        int weight = 1;
        boolean reverse = false;
        int quorum = 1;
        int quorumMax = Integer.MAX_VALUE;
        int forkDelay = 0;
        int terminateDelay = 0;
        for (ConfigNode node : block.children()) {
            switch (node.keyword()) {
                case "process":
                    if (node.argCount() == 0) {
                        values.single(node, "a process name or path, then its parameters");
                        break;
                    }
                    process = Optional.of(node.arg(0));
                    params = new ArrayList<>(node.args().stream().skip(1).map(t -> t.text()).toList());
                    if (!params.isEmpty()) {
                        fullCommand = true;
                        if (match == VrrpTrackProcessDef.ParamMatch.NONE) {
                            match = VrrpTrackProcessDef.ParamMatch.EXACT;
                        }
                    }
                    break;
                case "param_match":
                    fullCommand = true;
                    if (node.argCount() == 0) {
                        match = VrrpTrackProcessDef.ParamMatch.EXACT;
                    } else if (node.arg(0).equals("initial")) {
                        match = VrrpTrackProcessDef.ParamMatch.INITIAL;
                    } else if (node.arg(0).equals("partial")) {
                        match = VrrpTrackProcessDef.ParamMatch.PARTIAL;
                    } else {
                        problems.error(node.location(), "param_match", "param_match " + node.arg(0)
                                + " is not initial or partial");
                    }
                    break;
                case "full_command":
                    fullCommand = true;
                    break;
                case "weight":
                    weight = weight(node).orElse(weight);
                    reverse = reverse(node);
                    break;
                case "quorum":
                    quorum = values.intInRange(node, 1, 65535).orElse(quorum);
                    break;
                case "quorum_max":
                    quorumMax = values.intInRange(node, 0, 65535).orElse(quorumMax);
                    break;
                case "delay":
                    forkDelay = values.seconds(node, 3, 1, MAX_DELAY_MILLIS).orElse(forkDelay);
                    terminateDelay = forkDelay;
                    break;
                case "fork_delay":
                    forkDelay = values.seconds(node, 3, 1, MAX_DELAY_MILLIS).orElse(forkDelay);
                    break;
                case "terminate_delay":
                    terminateDelay = values.seconds(node, 3, 1, MAX_DELAY_MILLIS).orElse(terminateDelay);
                    break;
                default:
                    Ignored.unknown(problems, node, "in vrrp_track_process " + name.get());
            }
        }
        if (process.isEmpty()) {
            problems.error(block.location(), "process", "vrrp_track_process " + name.get()
                    + " has no process: add process NAME");
            return Optional.empty();
        }
        if (quorumMax == 0) {
            quorum = 0; // keepalived: quorum_max 0 means failure while any such process runs
        } else if (quorum > quorumMax) {
            problems.error(block.location(), "quorum", "vrrp_track_process " + name.get() + ": quorum " + quorum
                    + " is greater than quorum_max " + quorumMax);
            return Optional.empty();
        }
        return Optional.of(new VrrpTrackProcessDef(name.get(), process.get(), params, match, fullCommand, weight,
                reverse, quorum, quorumMax, forkDelay, terminateDelay, block.location()));
    }

    /** An instance's {@code track_file { }} or {@code track_process { }} entries (weights up to 254). */
    List<TrackedEntry> readEntries(ConfigNode block) {
        return new TrackReader(values, problems).read(block, MAX_WEIGHT).stream()
                .map(e -> new TrackedEntry(e.name(), e.weight(), e.reverse(), e.location())).toList();
    }

    private OptionalInt weight(ConfigNode node) {
        if (node.argCount() == 0) {
            values.single(node, "a whole number in " + -MAX_WEIGHT + ".." + MAX_WEIGHT);
            return OptionalInt.empty();
        }
        return values.intInRange(node, "weight", node.arg(0), -MAX_WEIGHT, MAX_WEIGHT, "");
    }

    private boolean reverse(ConfigNode node) {
        if (node.argCount() > 1 && !node.arg(1).equals("reverse")) {
            problems.warn(node.location(), "weight", "weight " + node.argText() + ": unknown option " + node.arg(1)
                    + ", ignored (expected reverse)");
        }
        return node.argCount() > 1 && node.arg(1).equals("reverse");
    }
}
