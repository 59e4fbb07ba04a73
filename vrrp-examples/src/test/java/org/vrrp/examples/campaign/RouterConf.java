package org.vrrp.examples.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * A campaign router's keepalived.conf: VRRPv2 at 1 s adverts on eth0, two instances.
 * <ul>
 *   <li>VI_1, VRID 51, VIP 192.0.2.254, preempting, tracks the health script {@code @CHECK@}
 *       (interval 1, fall 1, rise 1, weight -80): the highest effective priority must end up master;</li>
 *   <li>VI_2, VRID 52, VIPs 192.0.2.252 and .253, {@code nopreempt}: any one router may end up master.</li>
 * </ul>
 * Router N has VI_1 at 220 - 20N and VI_2 at 100 + 20N, so the two VRIDs prefer opposite ends. Immutable.
 */
record RouterConf(int priority1, int priority2, List<String> vips2) {
    static final String VIP1 = "192.0.2.254";
    static final List<String> VIPS2 = List.of("192.0.2.252", "192.0.2.253");
    /** What a {@code RELOAD_VIPS} adds to VI_2; on nobody once the reload is undone. */
    static final String EXTRA_VIP = "192.0.2.251";
    /** Every address a router may add: a router holding one its conf does not list is a stale VIP. */
    static final List<String> ALL_VIPS = List.of(VIP1, VIPS2.get(0), VIPS2.get(1), EXTRA_VIP);
    static final int CHECK_WEIGHT = -80;
    static final int ADVERT_SECONDS = 1;

    /** Router {@code index}'s configuration (1-based). */
    static RouterConf of(int index) {
        return new RouterConf(220 - 20 * index, 100 + 20 * index, VIPS2);
    }

    RouterConf withPriority1(int p) {
        return new RouterConf(p, priority2, vips2);
    }

    /** {@code 0}: VI_2 gets {@link #EXTRA_VIP} too; {@code 1}: VI_2 loses its second VIP. */
    RouterConf withChangedVips(int change) {
        List<String> v = new ArrayList<>(VIPS2);
        if (change == 0) {
            v.add(EXTRA_VIP);
        } else {
            v.remove(1);
        }
        return new RouterConf(priority1, priority2, v);
    }

    /** The VIPs of VRID 51 (instance 1) or 52 (instance 2). */
    List<String> vips(int instance) {
        return instance == 1 ? List.of(VIP1) : vips2;
    }

    int priority(int instance) {
        return instance == 1 ? priority1 : priority2;
    }

    /** The file, with {@code @CHECK@} left for {@code NotifyLog.fill}. */
    String text() {
        StringBuilder b = new StringBuilder("global_defs {\n    vrrp_version 2\n}\n")
                .append("vrrp_script chk {\n    script \"@CHECK@\"\n    interval 1\n    timeout 1\n    fall 1\n")
                .append("    rise 1\n    weight ").append(CHECK_WEIGHT).append("\n}\n")
                .append("vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n")
                .append("    priority ").append(priority1).append("\n    advert_int ").append(ADVERT_SECONDS)
                .append("\n    track_script {\n        chk\n    }\n    virtual_ipaddress {\n        ")
                .append(VIP1).append("/24\n    }\n}\n")
                .append("vrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n")
                .append("    priority ").append(priority2).append("\n    advert_int ").append(ADVERT_SECONDS)
                .append("\n    nopreempt\n    virtual_ipaddress {\n");
        vips2.forEach(v -> b.append("        ").append(v).append("/24\n"));
        return b.append("    }\n}\n").toString();
    }
}
