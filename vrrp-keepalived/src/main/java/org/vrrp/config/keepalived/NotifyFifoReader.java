package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code notify_fifo PATH [user [group]]}, {@code notify_fifo_script SCRIPT [user]} and their
 * {@code vrrp_} forms in global_defs, as keepalived's global_parser.c: the first of each wins (a repeat is
 * warned about and ignored), a script without its FIFO is ignored with a warning. Not thread-safe.
 */
final class NotifyFifoReader {
    private final Problems problems;
    private final Map<String, ConfigNode> fifos = new LinkedHashMap<>();
    private final Map<String, ConfigNode> scripts = new LinkedHashMap<>();

    NotifyFifoReader(Problems problems) {
        this.problems = problems;
    }

    void accept(ConfigNode node) {
        String keyword = node.keyword();
        boolean script = keyword.endsWith("_script");
        String fifoKeyword = script ? keyword.substring(0, keyword.length() - "_script".length()) : keyword;
        if (node.argCount() == 0 || node.arg(0).isBlank()) {
            problems.error(node.location(), keyword, keyword + " needs " + (script ? "a script" : "a path") + ": "
                    + keyword + (script ? " \"/path/to/script arg ...\"" : " /run/keepalived.fifo"));
            return;
        }
        Map<String, ConfigNode> into = script ? scripts : fifos;
        if (into.containsKey(fifoKeyword)) {
            problems.warn(node.location(), keyword, keyword + " already given at " + into.get(fifoKeyword).location()
                    + ", this one is ignored (as keepalived)");
            return;
        }
        if (node.argCount() > 1) {
            problems.warn(node.location(), keyword, keyword + ": user " + node.argText().substring(node.arg(0).length() + 1)
                    + " is not applied: the " + (script ? "script runs as" : "FIFO belongs to") + " the JVM's user");
        }
        into.put(fifoKeyword, node);
    }

    List<NotifyFifoDef> build() {
        List<NotifyFifoDef> out = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> e : fifos.entrySet()) {
            ConfigNode script = scripts.get(e.getKey());
            out.add(new NotifyFifoDef(e.getKey(), e.getValue().arg(0),
                    Optional.ofNullable(script).map(s -> s.arg(0)), e.getValue().location()));
        }
        for (Map.Entry<String, ConfigNode> e : scripts.entrySet()) {
            if (!fifos.containsKey(e.getKey())) {
                problems.warn(e.getValue().location(), e.getValue().keyword(), e.getValue().keyword()
                        + " without " + e.getKey() + " is ignored: there is no FIFO to give it");
            }
        }
        return out;
    }
}
