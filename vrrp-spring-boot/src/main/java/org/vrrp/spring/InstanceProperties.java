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
    /** Gratuitous ARP / unsolicited NA schedule (keepalived's garp_* keywords). */
    private Garp garp;

    public String getInterface() {
        return interfaceName;
    }

    public void setInterface(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    public Integer getVirtualRouterId() {
        return virtualRouterId;
    }

    public void setVirtualRouterId(Integer virtualRouterId) {
        this.virtualRouterId = virtualRouterId;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    public List<String> getVips() {
        return vips;
    }

    public void setVips(List<String> vips) {
        this.vips = vips;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }

    public Duration getAdvertisementInterval() {
        return advertisementInterval;
    }

    public void setAdvertisementInterval(Duration advertisementInterval) {
        this.advertisementInterval = advertisementInterval;
    }

    public Boolean getPreempt() {
        return preempt;
    }

    public void setPreempt(Boolean preempt) {
        this.preempt = preempt;
    }

    public Duration getPreemptDelay() {
        return preemptDelay;
    }

    public void setPreemptDelay(Duration preemptDelay) {
        this.preemptDelay = preemptDelay;
    }

    public String getAuthentication() {
        return authentication;
    }

    public void setAuthentication(String authentication) {
        this.authentication = authentication;
    }

    public VrrpState getInitialState() {
        return initialState;
    }

    public void setInitialState(VrrpState initialState) {
        this.initialState = initialState;
    }

    public List<String> getUnicastPeers() {
        return unicastPeers;
    }

    public void setUnicastPeers(List<String> unicastPeers) {
        this.unicastPeers = unicastPeers;
    }

    public List<String> getTrackInterfaces() {
        return trackInterfaces;
    }

    public void setTrackInterfaces(List<String> trackInterfaces) {
        this.trackInterfaces = trackInterfaces;
    }

    public Boolean getDontTrackPrimary() {
        return dontTrackPrimary;
    }

    public void setDontTrackPrimary(Boolean dontTrackPrimary) {
        this.dontTrackPrimary = dontTrackPrimary;
    }

    public Map<String, Integer> getTrackHealthChecks() {
        return trackHealthChecks;
    }

    public void setTrackHealthChecks(Map<String, Integer> trackHealthChecks) {
        this.trackHealthChecks = trackHealthChecks;
    }

    public Boolean getChecksumWithIpv4PseudoHeader() {
        return checksumWithIpv4PseudoHeader;
    }

    public void setChecksumWithIpv4PseudoHeader(Boolean checksumWithIpv4PseudoHeader) {
        this.checksumWithIpv4PseudoHeader = checksumWithIpv4PseudoHeader;
    }

    public Boolean getReassertOnLowerPriority() {
        return reassertOnLowerPriority;
    }

    public void setReassertOnLowerPriority(Boolean reassertOnLowerPriority) {
        this.reassertOnLowerPriority = reassertOnLowerPriority;
    }

    public Garp getGarp() {
        return garp;
    }

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

        public Duration getMasterDelay() {
            return masterDelay;
        }

        public void setMasterDelay(Duration masterDelay) {
            this.masterDelay = masterDelay;
        }

        public Integer getMasterRepeat() {
            return masterRepeat;
        }

        public void setMasterRepeat(Integer masterRepeat) {
            this.masterRepeat = masterRepeat;
        }

        public Duration getMasterRefresh() {
            return masterRefresh;
        }

        public void setMasterRefresh(Duration masterRefresh) {
            this.masterRefresh = masterRefresh;
        }

        public Integer getMasterRefreshRepeat() {
            return masterRefreshRepeat;
        }

        public void setMasterRefreshRepeat(Integer masterRefreshRepeat) {
            this.masterRefreshRepeat = masterRefreshRepeat;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
