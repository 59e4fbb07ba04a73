package org.vrrp.config.keepalived;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.vrrp.RealtimePriority;
import org.vrrp.packet.VrrpLimits;

/**
 * Reads {@code global_defs} blocks (keepalived allows several; later values win) into
 * {@link GlobalDefs}. Not thread-safe.
 */
final class GlobalDefsReader {
    /** Unprefixed spellings seen in the wild (and in per-instance syntax) for the global vrrp_garp_* keywords. */
    private static final Map<String, String> ALIASES = Map.of(
            "garp_master_delay", "vrrp_garp_master_delay",
            "garp_master_repeat", "vrrp_garp_master_repeat",
            "garp_master_refresh", "vrrp_garp_master_refresh",
            "garp_master_refresh_repeat", "vrrp_garp_master_refresh_repeat",
            "garp_lower_prio_delay", "vrrp_garp_lower_prio_delay",
            "garp_lower_prio_repeat", "vrrp_garp_lower_prio_repeat",
            "garp_interval", "vrrp_garp_interval",
            "gna_interval", "vrrp_gna_interval");

    private final Values values;
    private final Problems problems;
    private final GarpReader garp;

    private OptionalInt vrrpVersion = OptionalInt.empty();
    private int garpIntervalMicros;
    private int gnaIntervalMicros;
    private boolean v3ChecksumAsV2;
    private boolean vrrpStrict;
    private boolean enableScriptSecurity;
    private Optional<ScriptUser> scriptUser = Optional.empty();
    private Optional<String> routerId = Optional.empty();
    private Optional<String> netNamespace = Optional.empty();
    private final NotifyFifoReader fifos;
    private Optional<String> instanceName = Optional.empty();
    private OptionalInt vrrpRtPriority = OptionalInt.empty();
    private Optional<Boolean> higherPrioSendAdvert = Optional.empty();

    GlobalDefsReader(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
        this.garp = new GarpReader(values);
        this.fifos = new NotifyFifoReader(problems);
    }

    void read(ConfigNode block) {
        for (ConfigNode node : block.children()) {
            String keyword = node.keyword();
            String alias = ALIASES.get(keyword);
            if (alias != null) {
                problems.warn(node.location(), keyword, keyword + " in global_defs is spelled " + alias
                        + " by keepalived; accepted as " + alias);
                keyword = alias;
            }
            if (keyword.startsWith("vrrp_garp_") && garp.accept(node, keyword.substring("vrrp_".length()))) {
                continue;
            }
            switch (keyword) {
                case "vrrp_version":
                    vrrpVersion = values.intInRange(node, VrrpLimits.MIN_VERSION, VrrpLimits.MAX_VERSION);
                    break;
                // keepalived 2.2.7 reads both as 0.000001..4294.967295 s and refuses 0 ("... '0' is invalid");
                // absent, they are 0 (no delay).
                case "vrrp_garp_interval":
                    values.seconds(node, 6, 1, Integer.MAX_VALUE).ifPresent(v -> garpIntervalMicros = v);
                    break;
                case "vrrp_gna_interval":
                    values.seconds(node, 6, 1, Integer.MAX_VALUE).ifPresent(v -> gnaIntervalMicros = v);
                    break;
                case "vrrp_min_garp":
                    values.optionalBool(node).filter(b -> b).ifPresent(b -> garp.minimal());
                    break;
                case "v3_checksum_as_v2":
                    values.optionalBool(node).ifPresent(b -> v3ChecksumAsV2 = b);
                    break;
                case "vrrp_higher_prio_send_advert":
                    values.optionalBool(node).ifPresent(b -> higherPrioSendAdvert = Optional.of(b));
                    break;
                case "vrrp_strict":
                    vrrpStrict = true;
                    problems.warn(node.location(), keyword, "vrrp_strict is not supported, ignored: the library follows"
                            + " RFC 9568 but does not enforce keepalived's strict-mode restrictions (it only turns the"
                            + " default of higher_prio_send_advert off, as strict mode does)");
                    break;
                case "enable_script_security":
                    enableScriptSecurity = true;
                    problems.harmless(node.location(), keyword);
                    break;
                case "script_user":
                    scriptUser = scriptUser(node, values, problems);
                    scriptUser.ifPresent(u -> {
                        if (u.user().equals(System.getProperty("user.name"))) {
                            problems.harmless(node.location(), "script_user"); // scripts run as that user anyway
                        } else {
                            problems.warn(node.location(), "script_user", "script_user " + node.argText()
                                    + " is not applied: scripts run as the user vrrp runs as ("
                                    + System.getProperty("user.name") + ")");
                        }
                    });
                    break;
                // keepalived 2.2.7 clamps a value outside sched_get_priority_min/max(SCHED_RR) (1..99) with a
                // config error and carries on; here it is an error, so the priority in effect is the one written.
                case "vrrp_rt_priority":
                    vrrpRtPriority = values.intInRange(node, RealtimePriority.MIN, RealtimePriority.MAX,
                            " (a SCHED_RR priority; remove the line for normal scheduling)");
                    break;
                case "net_namespace":
                    netNamespace = values.single(node, "a network namespace name");
                    break;
                case "instance":
                    instanceName = values.single(node, "a name");
                    break;
                case "router_id":
                    routerId = values.single(node, "a name");
                    problems.harmless(node.location(), keyword);
                    break;
                case "notify_fifo", "vrrp_notify_fifo", "notify_fifo_script", "vrrp_notify_fifo_script":
                    fifos.accept(node);
                    break;
                default:
                    if (Ignored.isHarmlessGlobal(keyword)) {
                        problems.harmless(node.location(), keyword);
                    } else {
                        Ignored.warnUnhandled(problems, node, Ignored.GLOBAL, "in global_defs");
                    }
            }
        }
    }

    Optional<String> netNamespace() {
        return netNamespace;
    }

    Optional<String> instanceName() {
        return instanceName;
    }

    GlobalDefs build() {
        return new GlobalDefs(vrrpVersion, garp.resolve(GarpSettings.KEEPALIVED_DEFAULTS), garpIntervalMicros,
                gnaIntervalMicros, v3ChecksumAsV2, vrrpStrict, enableScriptSecurity, scriptUser, routerId, fifos.build(),
                vrrpRtPriority, higherPrioSendAdvert);
    }

    /** {@code USER [[:]GROUP]}, shared with vrrp_script's {@code user}. */
    static Optional<ScriptUser> scriptUser(ConfigNode node, Values values, Problems problems) {
        if (node.argCount() == 0) {
            problems.error(node.location(), node.keyword(), node.keyword() + " needs a user name: "
                    + node.keyword() + " USER [GROUP]");
            return Optional.empty();
        }
        Optional<String> group = node.argCount() > 1 ? Optional.of(node.arg(1).replaceFirst("^:", ""))
                : Optional.empty();
        return Optional.of(new ScriptUser(node.arg(0), group.filter(g -> !g.isEmpty())));
    }
}
