package org.vrrp.examples.hardening;

/** keepalived.conf texts for the hardening tests: VRRPv2, advert 1 s, simple-text auth, documentation VIPs. */
final class Confs {
    static final String PASSWORD = "s3cret";

    private Confs() {
    }

    /** One instance {@code name} on {@code ifname}. */
    static String instance(String name, String ifname, int vrid, int priority, String vipWithPrefix) {
        return """
                vrrp_instance %s {
                    state BACKUP
                    interface %s
                    virtual_router_id %d
                    priority %d
                    advert_int 1
                    authentication {
                        auth_type PASS
                        auth_pass %s
                    }
                    virtual_ipaddress {
                        %s
                    }
                }
                """.formatted(name, ifname, vrid, priority, PASSWORD, vipWithPrefix);
    }

    /** A router with one instance VI_51 on eth0, VRID 51, VIP 192.0.2.100/24. */
    static String single(String routerId, int priority) {
        return "# router " + routerId + "\n" + instance("VI_51", "eth0", 51, priority, "192.0.2.100/24");
    }

    /** Sync group G1 of VI_0 (eth0, VRID 10, 192.0.2.254) and VI_1 (eth1, VRID 11, 198.51.100.254). */
    static String syncGroup(String routerId, int priority) {
        return "# router " + routerId + "\n"
                + "vrrp_sync_group G1 {\n    group {\n        VI_0\n        VI_1\n    }\n}\n\n"
                + instance("VI_0", "eth0", 10, priority, "192.0.2.254/24")
                + "\n" + instance("VI_1", "eth1", 11, priority, "198.51.100.254/24");
    }
}
