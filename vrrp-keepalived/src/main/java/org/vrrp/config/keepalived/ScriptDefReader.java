package org.vrrp.config.keepalived;

import java.util.Optional;
import java.util.OptionalInt;
import org.vrrp.packet.VrrpLimits;

/** Reads one {@code vrrp_script NAME { ... }} block. Stateless apart from the shared Problems. */
final class ScriptDefReader {
    /** keepalived's interval/timeout resolution is 1 ms; a day is far beyond any sensible health-check period. */
    private static final int MAX_MILLIS = 86_400_000;
    private static final int DEFAULT_INTERVAL_MILLIS = 1_000;

    private final Values values;
    private final Problems problems;

    ScriptDefReader(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The script, or empty after reporting why it cannot be used. */
    Optional<VrrpScriptDef> read(ConfigNode block) {
        Optional<String> name = values.blockName(block);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> script = Optional.empty();
        int intervalMillis = DEFAULT_INTERVAL_MILLIS;
        OptionalInt timeoutMillis = OptionalInt.empty();
        int fall = 1;
        int rise = 1;
        int weight = 0;
        boolean reverse = false;
        boolean initFail = false;
        Optional<ScriptUser> user = Optional.empty();
        for (ConfigNode node : block.children()) {
            switch (node.keyword()) {
                case "script":
                    // keepalived takes the rest of the line: unquoted "script killall -0 haproxy" is common.
                    script = node.argCount() == 0 ? Optional.empty() : Optional.of(node.argText());
                    if (script.isEmpty()) {
                        problems.error(node.location(), "script", "script needs a command: script \"/path/check.sh arg\"");
                    }
                    break;
                case "interval":
                    intervalMillis = values.seconds(node, 3, 1, MAX_MILLIS).orElse(intervalMillis);
                    break;
                case "timeout":
                    timeoutMillis = values.seconds(node, 3, 1, MAX_MILLIS);
                    break;
                case "fall":
                    fall = values.intInRange(node, 1, Integer.MAX_VALUE).orElse(fall);
                    break;
                case "rise":
                    rise = values.intInRange(node, 1, Integer.MAX_VALUE).orElse(rise);
                    break;
                case "weight":
                    if (node.argCount() > 0) {
                        weight = values.intInRange(node, "weight", node.arg(0), -VrrpLimits.MAX_WEIGHT,
                                VrrpLimits.MAX_WEIGHT, "").orElse(weight);
                        reverse = node.argCount() > 1 && node.arg(1).equals("reverse");
                    } else {
                        values.single(node, "a whole number in " + -VrrpLimits.MAX_WEIGHT + ".." + VrrpLimits.MAX_WEIGHT);
                    }
                    break;
                case "user":
                    user = GlobalDefsReader.scriptUser(node, values, problems);
                    user.ifPresent(u -> problems.warn(node.location(), "user", "user " + node.argText()
                            + " is recorded but not applied: the script runs as the JVM's user"));
                    break;
                case "init_fail":
                    initFail = true;
                    break;
                default:
                    Ignored.unknown(problems, node, "in vrrp_script " + name.get());
            }
        }
        if (script.isEmpty()) {
            problems.error(block.location(), "script", "vrrp_script " + name.get()
                    + " has no script: add script \"/path/check.sh\"");
            return Optional.empty();
        }
        return Optional.of(new VrrpScriptDef(name.get(), script.get(), intervalMillis,
                timeoutMillis.orElse(intervalMillis), fall, rise, weight, reverse, initFail, user, block.location()));
    }
}
