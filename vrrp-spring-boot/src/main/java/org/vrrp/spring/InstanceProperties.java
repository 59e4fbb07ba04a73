package org.vrrp.spring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationUnit;
import org.vrrp.VrrpState;

/**
 * The settings of one VRRP instance, as {@link org.vrrp.InstanceBuilder} has them. At the top level
 * ({@code vrrp.*}) they describe the single instance, or are the defaults of every instance named under
 * {@code vrrp.instances}. Unset values keep the library's defaults (keepalived's).
 *
 * <p>Durations without a unit are seconds, as in keepalived.conf: {@code advertisement-interval: 1} is
 * one second; write {@code 100ms} for less.
 */
public class InstanceProperties {
    /** Interface the instance runs on, e.g. eth0. Required. */
    private String interfaceName;
    /** Virtual router id, 1..255; the same on every router of the group. Required. */
    private Integer virtualRouterId;
    /** Priority 1..255 (255: this host owns the addresses). Default 100. */
    private Integer priority;
    /** Virtual addresses: "192.0.2.254/24", "192.0.2.254" (a /32), "fe80::1", or "ADDRESS dev DEVICE". */
    private List<String> vips = new ArrayList<>();
    /** VRRP version, 2 (RFC 3768, IPv4 only) or 3 (RFC 9568). Default 2 for IPv4, 3 for IPv6. */
    private Integer version;
    /** Advertisement interval: whole seconds 1..255 for version 2; 10 ms steps up to 40.95 s for version 3. Default 1s. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration advertisementInterval;
    /** Whether a higher-priority backup takes over from a lower-priority master. Default true. */
    private Boolean preempt;
    /** How long a backup waits, after first hearing a lower-priority master, before taking over. Default 0. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration preemptDelay;
    /** VRRPv2 simple-text password, 1..8 ASCII characters (guards against mistakes only: it crosses the LAN in clear). */
    private String authentication;
    /** BACKUP (default) waits to hear the LAN; MASTER claims the addresses at once. */
    private VrrpState initialState;
    /** Unicast peers: adverts go to them instead of the multicast group, and only their adverts are accepted. */
    private List<String> unicastPeers = new ArrayList<>();
    /** Further interfaces whose carrier loss puts the instance in FAULT. */
    private List<String> trackInterfaces = new ArrayList<>();
    /** Do not go to FAULT on carrier loss of the instance's own interface. Default false. */
    private Boolean dontTrackPrimary;
    /** Health checks this instance tracks, name to weight; none listed: every check with its own weight. */
    private Map<String, Integer> trackHealthChecks = new LinkedHashMap<>();
    /** VRRPv3 over IPv4: checksum with the IPv4 pseudo-header (keepalived, FRR; default true) or without (RFC 9568 as Cisco, Juniper). */
    private Boolean checksumWithIpv4PseudoHeader;
    /** A master that hears a lower-priority advert answers at once (RFC 9568; default true). */
    private Boolean reassertOnLowerPriority;
    /** A master that hears a higher priority advertises once before stepping down (keepalived's higher_prio_send_advert; default true). */
    private Boolean advertiseBeforeSteppingDown;
    /** Gratuitous ARP / unsolicited NA schedule (keepalived's garp_* keywords). */
    private Garp garp;

    /** @return interface the instance runs on, e.g. eth0 */
    public String getInterface() {
        return interfaceName;
    }

    /** @param interfaceName interface the instance runs on, e.g. eth0 */
    public void setInterface(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** @return virtual router id, 1..255; the same on every router of the group */
    public Integer getVirtualRouterId() {
        return virtualRouterId;
    }

    /** @param virtualRouterId virtual router id, 1..255; the same on every router of the group */
    public void setVirtualRouterId(Integer virtualRouterId) {
        this.virtualRouterId = virtualRouterId;
    }

    /** @return priority 1..255 (255: this host owns the addresses) */
    public Integer getPriority() {
        return priority;
    }

    /** @param priority priority 1..255 (255: this host owns the addresses) */
    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    /** @return virtual addresses: "192.0.2.254/24", "192.0.2.254" (a /32), "fe80::1", or "ADDRESS dev DEVICE" */
    public List<String> getVips() {
        return vips;
    }

    /** @param vips virtual addresses: "192.0.2.254/24", "192.0.2.254" (a /32), "fe80::1", or "ADDRESS dev DEVICE" */
    public void setVips(List<String> vips) {
        this.vips = vips;
    }

    /** @return VRRP version, 2 (RFC 3768, IPv4 only) or 3 (RFC 9568) */
    public Integer getVersion() {
        return version;
    }

    /** @param version VRRP version, 2 (RFC 3768, IPv4 only) or 3 (RFC 9568) */
    public void setVersion(Integer version) {
        this.version = version;
    }

    /** @return advertisement interval: whole seconds 1..255 for version 2; 10 ms steps up to 40.95 s for version 3 */
    public Duration getAdvertisementInterval() {
        return advertisementInterval;
    }

    /** @param advertisementInterval advertisement interval: whole seconds 1..255 for version 2; 10 ms steps up to 40.95 s for version 3 */
    public void setAdvertisementInterval(Duration advertisementInterval) {
        this.advertisementInterval = advertisementInterval;
    }

    /** @return whether a higher-priority backup takes over from a lower-priority master */
    public Boolean getPreempt() {
        return preempt;
    }

    /** @param preempt whether a higher-priority backup takes over from a lower-priority master */
    public void setPreempt(Boolean preempt) {
        this.preempt = preempt;
    }

    /** @return how long a backup waits, after first hearing a lower-priority master, before taking over */
    public Duration getPreemptDelay() {
        return preemptDelay;
    }

    /** @param preemptDelay how long a backup waits, after first hearing a lower-priority master, before taking over */
    public void setPreemptDelay(Duration preemptDelay) {
        this.preemptDelay = preemptDelay;
    }

    /** @return VRRPv2 simple-text password, 1..8 ASCII characters (guards against mistakes only: it crosses the LAN in clear) */
    public String getAuthentication() {
        return authentication;
    }

    /** @param authentication VRRPv2 simple-text password, 1..8 ASCII characters (guards against mistakes only: it crosses the LAN in clear) */
    public void setAuthentication(String authentication) {
        this.authentication = authentication;
    }

    /** @return BACKUP (default) waits to hear the LAN; MASTER claims the addresses at once */
    public VrrpState getInitialState() {
        return initialState;
    }

    /** @param initialState BACKUP (default) waits to hear the LAN; MASTER claims the addresses at once */
    public void setInitialState(VrrpState initialState) {
        this.initialState = initialState;
    }

    /** @return unicast peers: adverts go to them instead of the multicast group, and only their adverts are accepted */
    public List<String> getUnicastPeers() {
        return unicastPeers;
    }

    /** @param unicastPeers unicast peers: adverts go to them instead of the multicast group, and only their adverts are accepted */
    public void setUnicastPeers(List<String> unicastPeers) {
        this.unicastPeers = unicastPeers;
    }

    /** @return further interfaces whose carrier loss puts the instance in FAULT */
    public List<String> getTrackInterfaces() {
        return trackInterfaces;
    }

    /** @param trackInterfaces further interfaces whose carrier loss puts the instance in FAULT */
    public void setTrackInterfaces(List<String> trackInterfaces) {
        this.trackInterfaces = trackInterfaces;
    }

    /** @return do not go to FAULT on carrier loss of the instance's own interface */
    public Boolean getDontTrackPrimary() {
        return dontTrackPrimary;
    }

    /** @param dontTrackPrimary do not go to FAULT on carrier loss of the instance's own interface */
    public void setDontTrackPrimary(Boolean dontTrackPrimary) {
        this.dontTrackPrimary = dontTrackPrimary;
    }

    /** @return health checks this instance tracks, name to weight; none listed: every check with its own weight */
    public Map<String, Integer> getTrackHealthChecks() {
        return trackHealthChecks;
    }

    /** @param trackHealthChecks health checks this instance tracks, name to weight; none listed: every check with its own weight */
    public void setTrackHealthChecks(Map<String, Integer> trackHealthChecks) {
        this.trackHealthChecks = trackHealthChecks;
    }

    /** @return VRRPv3 over IPv4: checksum with the IPv4 pseudo-header (keepalived, FRR; default true) or without (RFC 9568 as Cisco, Juniper) */
    public Boolean getChecksumWithIpv4PseudoHeader() {
        return checksumWithIpv4PseudoHeader;
    }

    /** @param checksumWithIpv4PseudoHeader VRRPv3 over IPv4: checksum with the IPv4 pseudo-header (keepalived, FRR; default true) or without (RFC 9568 as Cisco, Juniper) */
    public void setChecksumWithIpv4PseudoHeader(Boolean checksumWithIpv4PseudoHeader) {
        this.checksumWithIpv4PseudoHeader = checksumWithIpv4PseudoHeader;
    }

    /** @return A master that hears a lower-priority advert answers at once (RFC 9568; default true) */
    public Boolean getReassertOnLowerPriority() {
        return reassertOnLowerPriority;
    }

    /** @param reassertOnLowerPriority A master that hears a lower-priority advert answers at once (RFC 9568; default true) */
    public void setReassertOnLowerPriority(Boolean reassertOnLowerPriority) {
        this.reassertOnLowerPriority = reassertOnLowerPriority;
    }

    /** @return A master that hears a higher priority advertises once before stepping down (keepalived's higher_prio_send_advert; default true) */
    public Boolean getAdvertiseBeforeSteppingDown() {
        return advertiseBeforeSteppingDown;
    }

    /** @param advertiseBeforeSteppingDown A master that hears a higher priority advertises once before stepping down (default true) */
    public void setAdvertiseBeforeSteppingDown(Boolean advertiseBeforeSteppingDown) {
        this.advertiseBeforeSteppingDown = advertiseBeforeSteppingDown;
    }

    /** @return gratuitous ARP / unsolicited NA schedule (keepalived's garp_* keywords) */
    public Garp getGarp() {
        return garp;
    }

    /** @param garp gratuitous ARP / unsolicited NA schedule (keepalived's garp_* keywords) */
    public void setGarp(Garp garp) {
        this.garp = garp;
    }

    /**
     * keepalived's gratuitous ARP knobs ({@link org.vrrp.GarpConfig}); unset values keep
     * keepalived's defaults. Durations in 10 ms steps, seconds when no unit is given.
     */
    public static class Garp {
        /** garp_master_delay: delay of the second burst after becoming master; 0 for none. Default 5s. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration masterDelay;
        /** garp_master_repeat: announcements per address in each burst after becoming master, 1..255. Default 5. */
        private Integer masterRepeat;
        /** garp_master_refresh: period of refresh bursts while master; 0 for none (default). */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration masterRefresh;
        /** garp_master_refresh_repeat: announcements per address in each refresh burst, 1..255. Default 1. */
        private Integer masterRefreshRepeat;
        /** vrrp_garp_interval: gap between announcements within a burst. Default 0. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration interval;

        /** @return garp_master_delay: delay of the second burst after becoming master; 0 for none */
        public Duration getMasterDelay() {
            return masterDelay;
        }

        /** @param masterDelay garp_master_delay: delay of the second burst after becoming master; 0 for none */
        public void setMasterDelay(Duration masterDelay) {
            this.masterDelay = masterDelay;
        }

        /** @return garp_master_repeat: announcements per address in each burst after becoming master, 1..255 */
        public Integer getMasterRepeat() {
            return masterRepeat;
        }

        /** @param masterRepeat garp_master_repeat: announcements per address in each burst after becoming master, 1..255 */
        public void setMasterRepeat(Integer masterRepeat) {
            this.masterRepeat = masterRepeat;
        }

        /** @return garp_master_refresh: period of refresh bursts while master; 0 for none (default) */
        public Duration getMasterRefresh() {
            return masterRefresh;
        }

        /** @param masterRefresh garp_master_refresh: period of refresh bursts while master; 0 for none (default) */
        public void setMasterRefresh(Duration masterRefresh) {
            this.masterRefresh = masterRefresh;
        }

        /** @return garp_master_refresh_repeat: announcements per address in each refresh burst, 1..255 */
        public Integer getMasterRefreshRepeat() {
            return masterRefreshRepeat;
        }

        /** @param masterRefreshRepeat garp_master_refresh_repeat: announcements per address in each refresh burst, 1..255 */
        public void setMasterRefreshRepeat(Integer masterRefreshRepeat) {
            this.masterRefreshRepeat = masterRefreshRepeat;
        }

        /** @return vrrp_garp_interval: gap between announcements within a burst */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval vrrp_garp_interval: gap between announcements within a burst */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
