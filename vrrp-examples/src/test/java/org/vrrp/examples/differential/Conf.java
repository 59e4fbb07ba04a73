package org.vrrp.examples.differential;

import java.util.Map;
import org.vrrp.examples.it.ScenarioConf;

/**
 * keepalived.conf templates for the scenarios: one instance VI_1 on eth0 (VRID 51) with one VIP, in the
 * style keepalived users write, plus the seed files of {@code scenarios/conf/} with a notify script
 * added. Every template notifies {@code @NOTIFY@}; {@code @CHECK@} is the router's health check.
 */
record Conf(int version, String state, int priority, String advertInt, String vip, boolean preempt,
            int preemptDelay, Integer checkWeight, int checkFall) {
    static final String VIP = "192.0.2.254";

    /** VRRPv2, the given interval in seconds, state BACKUP, preempt, VIP 192.0.2.254. */
    static Conf v2(int priority, int advertSeconds) {
        return new Conf(2, "BACKUP", priority, Integer.toString(advertSeconds), VIP, true, 0, null, 2);
    }

    /** VRRPv3 (IPv4), the interval as keepalived writes it (seconds, e.g. "0.05"). */
    static Conf v3(int priority, String advertInt) {
        return new Conf(3, "BACKUP", priority, advertInt, VIP, true, 0, null, 2);
    }

    /**
     * {@code state MASTER}. For a non-owner keepalived 2.2.7 still starts in BACKUP and takes over after
     * Master_Down_Interval without a master, and so does our reading of the file; it matters for what the
     * state line clears ({@code nopreempt}, {@code preempt_delay}) and for a missing priority (255).
     */
    Conf master() {
        return new Conf(version, "MASTER", priority, advertInt, vip, preempt, preemptDelay, checkWeight, checkFall);
    }

    Conf priority(int p) {
        return new Conf(version, state, p, advertInt, vip, preempt, preemptDelay, checkWeight, checkFall);
    }

    Conf vip(String address) {
        return new Conf(version, state, priority, advertInt, address, preempt, preemptDelay, checkWeight, checkFall);
    }

    Conf preemptDelay(int seconds) {
        return new Conf(version, state, priority, advertInt, vip, preempt, seconds, checkWeight, checkFall);
    }

    /** Tracks the health check {@code @CHECK@} (interval 1, rise 2, this fall) with this weight (0: FAULT). */
    Conf check(int weight, int fall) {
        return new Conf(version, state, priority, advertInt, vip, preempt, preemptDelay, weight, fall);
    }

    String text() {
        StringBuilder b = new StringBuilder("global_defs {\n    vrrp_version " + version + "\n}\n");
        if (checkWeight != null) {
            b.append("vrrp_script chk {\n    script \"@CHECK@\"\n    interval 1\n    timeout 1\n    fall ")
                    .append(checkFall).append("\n    rise 2\n    weight ").append(checkWeight).append("\n}\n");
        }
        b.append("vrrp_instance VI_1 {\n    state ").append(state).append("\n    interface eth0\n")
                .append("    virtual_router_id 51\n    priority ").append(priority).append("\n    advert_int ")
                .append(advertInt).append('\n');
        if (preemptDelay > 0) {
            b.append("    preempt_delay ").append(preemptDelay).append('\n');
        }
        if (checkWeight != null) {
            b.append("    track_script {\n        chk\n    }\n");
        }
        return b.append("    virtual_ipaddress {\n        ").append(vip).append("/24\n    }\n")
                .append("    notify \"@NOTIFY@\"\n}\n").toString();
    }

    /** A seed file of {@code scenarios/conf/}, filled in, every instance also notifying {@code @NOTIFY@}. */
    static String seed(String file, Map<String, String> values) {
        Map<String, String> filled = new java.util.HashMap<>(values);
        filled.putIfAbsent("CHECK", "{CHECK}"); // the harness fills it per router, after the seed's own check
        return ScenarioConf.fill(file, filled).replace("{CHECK}", "@CHECK@").replace("    virtual_ipaddress {",
                "    notify \"@NOTIFY@\"\n    virtual_ipaddress {");
    }
}
