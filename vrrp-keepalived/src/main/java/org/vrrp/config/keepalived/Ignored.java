package org.vrrp.config.keepalived;

import java.util.Map;

/**
 * keepalived keywords this reader knows and deliberately ignores, with the reason given to the
 * operator. A keyword not listed anywhere gets the generic "unknown keyword, ignored" warning.
 */
final class Ignored {
    private Ignored() {}

    /** Top-level blocks outside VRRP: skipped as a whole with one warning. */
    static final Map<String, String> TOP_LEVEL_BLOCKS = Map.ofEntries(
            Map.entry("virtual_server", "LVS is not part of VRRP"),
            Map.entry("virtual_server_group", "LVS is not part of VRRP"),
            Map.entry("real_server", "LVS is not part of VRRP"),
            Map.entry("static_ipaddress", "static addresses are not managed by the library"),
            Map.entry("static_routes", "static routes are not managed by the library"),
            Map.entry("static_rules", "static rules are not managed by the library"),
            Map.entry("linkbeat_interfaces", "link state comes from the OS adapter"),
            Map.entry("interface_up_down_delays", "link debouncing is not supported"),
            Map.entry("track_group", "static track groups are not supported"),
            Map.entry("bfd_instance", "BFD is not supported"),
            Map.entry("garp_group", "per-interface GARP groups are not supported; use global vrrp_garp_interval"));

    /**
     * global_defs keywords that change nothing for VRRP here (keepalived's e-mail alerts, LVS, its own
     * process settings): accepted and summed up in one INFO line, not warned about one by one.
     */
    static final java.util.Set<String> HARMLESS_GLOBAL = java.util.Set.of(
            "router_id", "notification_email", "notification_email_from", "smtp_server", "smtp_helo_name",
            "smtp_connect_timeout", "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "no_email_faults",
            "email_faults", "vrrp_skip_check_adv_addr", "enable_script_security", "max_auto_priority",
            "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap", "checker_no_swap", "bfd_no_swap",
            "checker_rt_priority", "bfd_rt_priority", "checker_rlimit_rttime", "checker_rlimit_rtime",
            "bfd_rlimit_rttime", "bfd_rlimit_rtime", "vrrp_cpu_affinity", "checker_cpu_affinity",
            "bfd_cpu_affinity", "checker_log_all_failures", "lvs_flush", "lvs_flush_on_stop", "lvs_timeouts",
            "lvs_sync_daemon", "lvs_notify_fifo", "lvs_notify_fifo_script");

    /** vrrp_instance keywords that change nothing for VRRP here; summed up like {@link #HARMLESS_GLOBAL}. */
    static final java.util.Set<String> HARMLESS_INSTANCE = java.util.Set.of(
            "smtp_alert", "lvs_sync_daemon_interface", "debug");

    /** Whether a global_defs keyword is harmless here: listed, or any {@code lvs_} keyword. */
    static boolean isHarmlessGlobal(String keyword) {
        return HARMLESS_GLOBAL.contains(keyword) || keyword.startsWith("lvs_");
    }

    /** Why keepalived's vrrp_rlimit_rttime is not applied here. */
    private static final String RLIMIT_RTTIME_REASON = "RLIMIT_RTTIME is per process and would"
            + " apply to the whole JVM; only the protocol thread runs real-time (vrrp_rt_priority), and the"
            + " kernel's real-time throttling (kernel.sched_rt_runtime_us) bounds it";

    /** global_defs keywords of keepalived's e-mail alerts and other daemons, ignored on purpose. */
    static final Map<String, String> GLOBAL = Map.ofEntries(
            Map.entry("notification_email", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("notification_email_from", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("smtp_server", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("smtp_helo_name", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("smtp_connect_timeout", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("smtp_alert", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("smtp_alert_vrrp", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("no_email_faults", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("router_id", "keepalived only uses it in e-mail alerts; recorded in GlobalDefs.routerId"),
            Map.entry("vrrp_mcast_group4", "the library always uses 224.0.0.18"),
            Map.entry("vrrp_mcast_group6", "the library always uses ff02::12"),
            Map.entry("vrrp_iptables", "accept mode is not done with firewall rules"),
            Map.entry("vrrp_ipsets", "accept mode is not done with firewall rules"),
            Map.entry("nftables", "accept mode is not done with firewall rules"),
            Map.entry("vrrp_skip_check_adv_addr", "the library always checks advert addresses"),
            Map.entry("vrrp_check_unicast_src", "not supported"),
            Map.entry("vrrp_lower_prio_no_advert", "the library follows RFC 9568"),
            Map.entry("vrrp_startup_delay", "not supported; delay starting the router in the application"),
            Map.entry("dynamic_interfaces", "not supported"),
            Map.entry("vrrp_garp_extra_if", "not supported"),
            Map.entry("vrrp_down_timer_adverts", "the library follows RFC 9568 (3 adverts)"),
            // keepalived sets RLIMIT_RTTIME on its VRRP process when vrrp_rt_priority is set (default 10 ms of CPU
            // without blocking, then SIGXCPU, then SIGKILL). The limit is per process: here it would cover every
            // thread of the application's JVM, of which only the protocol thread is real-time.
            Map.entry("vrrp_rlimit_rttime", RLIMIT_RTTIME_REASON),
            Map.entry("vrrp_rlimit_rtime", RLIMIT_RTTIME_REASON));

    /** vrrp_instance keywords the library does not support; the instance is still read. */
    static final Map<String, String> INSTANCE = Map.ofEntries(
            Map.entry("use_vmac_addr", "use_vmac_addr is not supported; use_vmac is"),
            Map.entry("use_ipvlan", "ipvlan interfaces are not supported"),
            Map.entry("strict_mode", "keepalived's strict mode is not supported"),
            Map.entry("native_ipv6", "deprecated in keepalived; the family follows the virtual addresses"),
            Map.entry("virtual_routes", "virtual routes are not managed by the library"),
            Map.entry("virtual_rules", "virtual rules are not managed by the library"),
            Map.entry("track_bfd", "BFD is not supported"),
            Map.entry("smtp_alert", "e-mail alerts are not supported; use a VrrpListener"),
            Map.entry("notify_deleted", "configuration reload is not supported"),
            Map.entry("notify_priority_changes", "notify FIFOs are not supported"),
            Map.entry("mcast_dst_ip", "the library always uses the RFC multicast group"),
            Map.entry("unicast_ttl", "not supported"),
            Map.entry("check_unicast_src", "not supported"),
            Map.entry("unicast_fault_no_peer", "not supported"),
            Map.entry("old_unicast_checksum", "pre-1.3.6 keepalived checksums are not supported"),
            Map.entry("track_src_ip", "not supported"),
            Map.entry("skip_check_adv_addr", "the library always checks advert addresses"),
            Map.entry("lower_prio_no_advert", "the library follows RFC 9568"),
            Map.entry("down_timer_adverts", "the library follows RFC 9568 (3 adverts)"),
            Map.entry("timer_expired_backup", "not supported"),
            Map.entry("garp_extra_if", "not supported"),
            Map.entry("promote_secondaries", "set net.ipv4.conf.IF.promote_secondaries with sysctl instead"),
            Map.entry("no_virtual_ipaddress", "VRRPv3 needs at least one virtual address"),
            Map.entry("vrf", "not supported"),
            Map.entry("kernel_rx_buf_size", "not supported"),
            Map.entry("linkbeat_use_polling", "link state comes from the OS adapter"),
            Map.entry("lvs_sync_daemon_interface", "LVS is not part of VRRP"),
            Map.entry("auth_hmac", "keepalived's HMAC extension is not supported"),
            Map.entry("debug", "not implemented in keepalived either"));

    /** Warns that {@code node} (a block or a line) is ignored, and why. */
    static void warn(Problems problems, ConfigNode node, String reason) {
        String what = node.isBlock() ? node.keyword() + " block" : node.keyword();
        problems.warn(node.location(), node.keyword(), what + " is not supported, ignored: " + reason);
    }

    /** Warns about a keyword no reader took: with its reason when {@code known} lists it, else as unknown. */
    static void warnUnhandled(Problems problems, ConfigNode node, Map<String, String> known, String where) {
        String reason = known.get(node.keyword());
        if (reason != null) {
            warn(problems, node, reason);
        } else {
            unknown(problems, node, where);
        }
    }

    /** Warns that {@code node} is a keyword this reader does not know; {@code where} names the enclosing block. */
    static void unknown(Problems problems, ConfigNode node, String where) {
        problems.warn(node.location(), node.keyword(), node.keyword() + ": unknown keyword, ignored ("
                + (node.isBlock() ? "with its block, " : "") + where + ")");
    }
}
