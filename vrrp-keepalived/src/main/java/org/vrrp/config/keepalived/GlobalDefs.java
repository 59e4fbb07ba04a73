package org.vrrp.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The VRRP-related part of keepalived's {@code global_defs}. Immutable and thread-safe.
 *
 * @param vrrpVersion          {@code vrrp_version}: default protocol version of instances, if set
 *                             (keepalived: 2, IPv6 instances 3)
 * @param garp                 {@code vrrp_garp_master_*} and {@code vrrp_garp_lower_prio_*}, defaults filled in;
 *                             instances inherit these unless they set their own
 * @param garpIntervalMicros   {@code vrrp_garp_interval}: delay between gratuitous ARPs on an interface (default 0)
 * @param gnaIntervalMicros    {@code vrrp_gna_interval}: delay between unsolicited NAs on an interface (default 0)
 * @param v3ChecksumAsV2       {@code v3_checksum_as_v2}: VRRPv3 over IPv4 checksums without the IPv4
 *                             pseudo-header (RFC 9568, Cisco/Juniper) instead of keepalived's default with it
 * @param vrrpStrict           {@code vrrp_strict} was given; not supported, recorded for reports
 * @param enableScriptSecurity {@code enable_script_security} was given; recorded, no effect in the library
 * @param scriptUser           {@code script_user}; recorded, scripts run as the JVM's user
 * @param routerId             {@code router_id}; only used by keepalived in e-mails, recorded and ignored
 * @param notifyFifos          {@code notify_fifo} and {@code vrrp_notify_fifo} (0, 1 or 2), each with its script
 * @param vrrpRtPriority       {@code vrrp_rt_priority} (1..99), if set: the SCHED_RR priority of the protocol thread
 * @param higherPrioSendAdvert {@code vrrp_higher_prio_send_advert}, if given: the default of the instances'
 *                             {@code higher_prio_send_advert}
 */
public record GlobalDefs(OptionalInt vrrpVersion, GarpSettings garp, int garpIntervalMicros, int gnaIntervalMicros,
                         boolean v3ChecksumAsV2, boolean vrrpStrict, boolean enableScriptSecurity,
                         Optional<ScriptUser> scriptUser, Optional<String> routerId, List<NotifyFifoDef> notifyFifos,
                         OptionalInt vrrpRtPriority, Optional<Boolean> higherPrioSendAdvert) {
    /** What an empty or absent {@code global_defs} means. */
    public static final GlobalDefs KEEPALIVED_DEFAULTS = new GlobalDefs(OptionalInt.empty(),
            GarpSettings.KEEPALIVED_DEFAULTS, 0, 0, false, false, false, Optional.empty(), Optional.empty());

    /**
     * Without notify FIFOs, {@code vrrp_rt_priority} and {@code vrrp_higher_prio_send_advert}.
     *
     * @param vrrpVersion {@code vrrp_version}
     * @param garp the global gratuitous ARP settings
     * @param garpIntervalMicros {@code vrrp_garp_interval}
     * @param gnaIntervalMicros {@code vrrp_gna_interval}
     * @param v3ChecksumAsV2 {@code v3_checksum_as_v2}
     * @param vrrpStrict {@code vrrp_strict} was given
     * @param enableScriptSecurity {@code enable_script_security} was given
     * @param scriptUser {@code script_user}
     * @param routerId {@code router_id}
     */
    public GlobalDefs(OptionalInt vrrpVersion, GarpSettings garp, int garpIntervalMicros, int gnaIntervalMicros,
                      boolean v3ChecksumAsV2, boolean vrrpStrict, boolean enableScriptSecurity,
                      Optional<ScriptUser> scriptUser, Optional<String> routerId) {
        this(vrrpVersion, garp, garpIntervalMicros, gnaIntervalMicros, v3ChecksumAsV2, vrrpStrict, enableScriptSecurity,
                scriptUser, routerId, List.of(), OptionalInt.empty(), Optional.empty());
    }

    /**
     * Checks that the components are present and copies the collections, so the definitions are immutable.
     *
     * @param vrrpVersion {@code vrrp_version}: default protocol version of instances, if set (keepalived: 2, IPv6 instances 3)
     * @param garp {@code vrrp_garp_master_*} and {@code vrrp_garp_lower_prio_*}, defaults filled in; instances inherit these unless they set their own
     * @param garpIntervalMicros {@code vrrp_garp_interval}: delay between gratuitous ARPs on an interface (default 0)
     * @param gnaIntervalMicros {@code vrrp_gna_interval}: delay between unsolicited NAs on an interface (default 0)
     * @param v3ChecksumAsV2 {@code v3_checksum_as_v2}: VRRPv3 over IPv4 checksums without the IPv4 pseudo-header (RFC 9568, Cisco/Juniper) instead of keepalived's default with it
     * @param vrrpStrict {@code vrrp_strict} was given; not supported, recorded for reports
     * @param enableScriptSecurity {@code enable_script_security} was given; recorded, no effect in the library
     * @param scriptUser {@code script_user}; recorded, scripts run as the JVM's user
     * @param routerId {@code router_id}; only used by keepalived in e-mails, recorded and ignored
     * @param notifyFifos {@code notify_fifo} and {@code vrrp_notify_fifo}, each with its script
     * @param vrrpRtPriority {@code vrrp_rt_priority} (1..99), if set
     * @param higherPrioSendAdvert {@code vrrp_higher_prio_send_advert}, if given
     */
    public GlobalDefs {
        notifyFifos = List.copyOf(notifyFifos);
        Objects.requireNonNull(vrrpVersion, "vrrpVersion");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(scriptUser, "scriptUser");
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(vrrpRtPriority, "vrrpRtPriority");
        Objects.requireNonNull(higherPrioSendAdvert, "higherPrioSendAdvert");
    }
}
