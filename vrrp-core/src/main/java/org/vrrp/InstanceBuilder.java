package org.vrrp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.spi.VirtualAddress;

/**
 * Settings of one VRRP instance, as keepalived's {@code vrrp_instance}. Used through
 * {@link VrrpRouter.Builder#instance(String, java.util.function.Consumer)}, or implicitly by the
 * single-instance setters of {@link VrrpRouter.Builder}, which also act as defaults for named instances.
 *
 * <p>Defaults (keepalived's): priority 100, advert interval 1 s, preempt on with no delay, version 2
 * for IPv4 and 3 for IPv6, no authentication, initial state BACKUP, its own interface tracked, VRRPv3
 * IPv4 checksum with the pseudo-header (as keepalived and FRR send), gratuitous ARP as keepalived.
 *
 * <p>Not thread-safe; values are checked by {@link VrrpRouter.Builder#build()}.
 */
public final class InstanceBuilder {
    String interfaceName;
    Integer virtualRouterId;
    Integer priority;
    final List<String[]> vips = new ArrayList<>(); // {address[/prefix], device or null}
    final List<String[]> excludedVips = new ArrayList<>(); // same shape
    Integer version;
    Duration advertisementInterval;
    Boolean preempt;
    Duration preemptDelay;
    String authentication;
    VrrpState initialState;
    final List<String> unicastPeers = new ArrayList<>();
    String sourceAddress;
    final List<String> trackedInterfaces = new ArrayList<>();
    final Map<String, TrackedLink> weightedLinks = new LinkedHashMap<>();
    Boolean dontTrackPrimary;
    final Map<String, Integer> trackedChecks = new LinkedHashMap<>();
    /** True: only the checks named with trackHealthCheck, none if none (keepalived's rule); false: all if none named. */
    Boolean onlyNamedChecks;
    Boolean checksumWithIpv4PseudoHeader;
    Boolean reassertOnLowerPriority;
    Boolean advertiseBeforeSteppingDown;
    GarpConfig garp;
    Boolean virtualMac;
    String virtualMacName;
    Boolean vmacTransmitBase;

    InstanceBuilder() {}

    /**
     * Interface the instance runs on, e.g. {@code "eth0"}. Required.
     *
     * @param name the interface name
     * @return this builder
     */
    public InstanceBuilder interfaceName(String name) {
        this.interfaceName = name;
        return this;
    }

    /**
     * Virtual router id, 1..255. Required.
     *
     * @param vrid the VRID
     * @return this builder
     */
    public InstanceBuilder virtualRouterId(int vrid) {
        this.virtualRouterId = vrid;
        return this;
    }

    /**
     * Priority 1..255; 255 means this host owns the addresses. Default 100.
     *
     * @param value the priority
     * @return this builder
     */
    public InstanceBuilder priority(int value) {
        this.priority = value;
        return this;
    }

    /**
     * Adds a virtual address on the instance's interface: {@code "192.0.2.4/24"}, {@code "192.0.2.4"}
     * (added as /32, like keepalived), or an IPv6 address with or without a prefix. Repeatable. A version 2
     * instance may have none, as keepalived allows: its adverts then carry no address (count 0) and only a
     * peer with none either takes part in its election (an advert whose addresses are not the instance's own
     * is dropped); version 3 needs at least one.
     *
     * @param address the address
     * @return this builder
     */
    public InstanceBuilder vip(String address) {
        vips.add(new String[] {Objects.requireNonNull(address, "vip"), null});
        return this;
    }

    /**
     * Adds a virtual IPv4 address with an address label ({@code label} in keepalived, e.g. {@code "eth0:1"}, at most
     * 15 characters), on {@code device}.
     *
     * @param address the address
     * @param device the device
     * @param label the label
     * @return this builder
     */
    public InstanceBuilder vip(String address, String device, String label) {
        vips.add(new String[] {Objects.requireNonNull(address, "vip"), Objects.requireNonNull(device, "device"),
                Objects.requireNonNull(label, "label")});
        return this;
    }

    /**
     * As {@link #vip(String, String, String)}, for an excluded address ({@link #excludedVip(String)}).
     *
     * @param address the address
     * @param device the device
     * @param label the label
     * @return this builder
     */
    public InstanceBuilder excludedVip(String address, String device, String label) {
        excludedVips.add(new String[] {Objects.requireNonNull(address, "excludedVip"),
                Objects.requireNonNull(device, "device"), Objects.requireNonNull(label, "label")});
        return this;
    }

    /**
     * Adds a virtual address on another interface ({@code dev} in keepalived).
     *
     * @param address the address
     * @param device the device
     * @return this builder
     */
    public InstanceBuilder vip(String address, String device) {
        vips.add(new String[] {Objects.requireNonNull(address, "vip"), Objects.requireNonNull(device, "device")});
        return this;
    }

    /**
     * Adds an address that is added and removed with the VIPs but not carried in adverts (keepalived's
     * {@code virtual_ipaddress_excluded}): same forms as {@link #vip(String)}; may be of the other family.
     * Repeatable.
     *
     * @param address the address
     * @return this builder
     */
    public InstanceBuilder excludedVip(String address) {
        excludedVips.add(new String[] {Objects.requireNonNull(address, "excludedVip"), null});
        return this;
    }

    /**
     * As {@link #excludedVip(String)}, on another interface.
     *
     * @param address the address
     * @param device the device
     * @return this builder
     */
    public InstanceBuilder excludedVip(String address, String device) {
        excludedVips.add(new String[] {Objects.requireNonNull(address, "excludedVip"),
                Objects.requireNonNull(device, "device")});
        return this;
    }

    /**
     * VRRP version, 2 (RFC 3768, IPv4 only) or 3 (RFC 9568). Default 2 for IPv4, 3 for IPv6.
     *
     * @param value the version
     * @return this builder
     */
    public InstanceBuilder version(int value) {
        this.version = value;
        return this;
    }

    /**
     * Advertisement interval: whole seconds 1..255 for v2; 10 ms steps from 10 ms to 40.95 s for v3. Default 1 s.
     *
     * @param interval the interval
     * @return this builder
     */
    public InstanceBuilder advertisementInterval(Duration interval) {
        this.advertisementInterval = interval;
        return this;
    }

    /**
     * Whether a higher-priority backup takes over from a lower-priority master. Default true.
     *
     * @param value whether to preempt
     * @return this builder
     */
    public InstanceBuilder preempt(boolean value) {
        this.preempt = value;
        return this;
    }

    /**
     * How long a backup waits, after first hearing a lower-priority master, before taking over. Default 0.
     *
     * @param delay the delay
     * @return this builder
     */
    public InstanceBuilder preemptDelay(Duration delay) {
        this.preemptDelay = delay;
        return this;
    }

    /**
     * VRRPv2 simple-text authentication (keepalived's {@code auth_type PASS}), 1..8 ASCII characters.
     * It guards against configuration mistakes only: the password crosses the LAN in clear.
     *
     * @param password the password
     * @return this builder
     */
    public InstanceBuilder authentication(String password) {
        this.authentication = password;
        return this;
    }

    /**
     * keepalived's {@code state}: BACKUP (default) waits to hear the LAN; MASTER claims at once.
     *
     * @param state the state
     * @return this builder
     */
    public InstanceBuilder initialState(VrrpState state) {
        this.initialState = state;
        return this;
    }

    /**
     * Sends adverts to this peer instead of the multicast group and accepts only listed peers. Repeatable.
     *
     * @param address the address
     * @return this builder
     */
    public InstanceBuilder unicastPeer(String address) {
        unicastPeers.add(Objects.requireNonNull(address, "unicastPeer"));
        return this;
    }

    /**
     * The address adverts are sent from, instead of the interface's primary IPv4 address or its IPv6
     * link-local address (keepalived's {@code unicast_src_ip} / {@code mcast_src_ip}). It must be an address of
     * the instance's interface, of the instance's family; peers break priority ties on it.
     *
     * @param address the address
     * @return this builder
     */
    public InstanceBuilder sourceAddress(String address) {
        this.sourceAddress = Objects.requireNonNull(address, "sourceAddress");
        return this;
    }

    /**
     * Also goes to FAULT while this interface has no carrier. Repeatable.
     *
     * @param name the interface's name
     * @return this builder
     */
    public InstanceBuilder trackInterface(String name) {
        trackedInterfaces.add(Objects.requireNonNull(name, "trackInterface"));
        return this;
    }

    /**
     * Tracks this interface with a weight instead of FAULT, as keepalived's {@code track_interface IFACE weight N}:
     * a positive weight is added to the priority while the link is up, a negative one while it is down. Weight 0
     * is {@link #trackInterface(String)}: carrier loss means FAULT. Repeatable.
     *
     * @param name the interface's name
     * @param weight -253..253
     * @return this builder
     */
    public InstanceBuilder trackInterface(String name, int weight) {
        return trackInterface(name, weight, false);
    }

    /**
     * As {@link #trackInterface(String, int)}; {@code reverse} (keepalived's {@code reverse}) negates what the
     * weight adds. Weight -253..253.
     *
     * @param name the interface's name
     * @param weight -253..253
     * @param reverse keepalived's {@code reverse}
     * @return this builder
     */
    public InstanceBuilder trackInterface(String name, int weight, boolean reverse) {
        trackInterface(name);
        weightedLinks.put(name, new TrackedLink(name, weight, reverse));
        return this;
    }

    /**
     * Does not go to FAULT on carrier loss of its own interface (keepalived's {@code dont_track_primary}).
     *
     * @param value whether to ignore the primary interface's link state
     * @return this builder
     */
    public InstanceBuilder dontTrackPrimary(boolean value) {
        this.dontTrackPrimary = value;
        return this;
    }

    /**
     * Tracks a router health check by name with its own weight. An instance that tracks none tracks every
     * health check of the router with the check's weight.
     *
     * @param checkName the check name
     * @param weight the weight
     * @return this builder
     */
    public InstanceBuilder trackHealthCheck(String checkName, int weight) {
        trackedChecks.put(Objects.requireNonNull(checkName, "checkName"), weight);
        return this;
    }

    /**
     * Tracks only the health checks named with {@code trackHealthCheck}, and none when none is named (as keepalived,
     * where an instance is affected only by the trackers it lists), instead of every check of the router.
     *
     * @return this builder
     */
    public InstanceBuilder trackOnlyNamedHealthChecks() {
        this.onlyNamedChecks = true;
        return this;
    }

    /**
     * Tracks a router health check by name with the check's own weight.
     *
     * @param checkName the check name
     * @return this builder
     */
    public InstanceBuilder trackHealthCheck(String checkName) {
        trackedChecks.put(Objects.requireNonNull(checkName, "checkName"), null);
        return this;
    }

    /**
     * VRRPv3 over IPv4 only: true (default) to checksum with an IPv4 pseudo-header as keepalived and FRR
     * do; false for the message-only checksum of RFC 9568 (Cisco, Juniper, Arista; keepalived with
     * {@code v3_checksum_as_v2}). Either form is accepted on receive.
     *
     * @param value whether the IPv4 v3 checksum covers the pseudo-header
     * @return this builder
     */
    public InstanceBuilder checksumWithIpv4PseudoHeader(boolean value) {
        this.checksumWithIpv4PseudoHeader = value;
        return this;
    }

    /**
     * true (default): a master that hears a lower-priority advert answers with one at once (RFC 9568),
     * which ends a dual-master state within one advert. false: discard it, as RFC 3768 and 5798 did.
     *
     * @param value whether to reassert at once on a lower-priority advert
     * @return this builder
     */
    public InstanceBuilder reassertOnLowerPriority(boolean value) {
        this.reassertOnLowerPriority = value;
        return this;
    }

    /**
     * true (default): a master that hears a higher priority (or an equal one from a higher address) sends
     * one advert at its own priority before it becomes backup; keepalived's {@code higher_prio_send_advert},
     * which keepalived leaves off unless configured. Why on here: when two masters of a split meet again
     * and only the lower one hears the other (it was paused, or its firewall is lifted first), the higher one
     * never learns that hosts were sent to the lower one's MAC; this advert makes it reassert and announce its
     * addresses again ({@link #reassertOnLowerPriority(boolean)}), so hosts follow at once instead of when
     * their neighbour entries expire. Costs one advert per step-down; other backups treat it as any advert.
     * false: step down silently, as RFC 9568 6.4.3 describes.
     *
     * @param value whether to advertise once before stepping down to a higher priority
     * @return this builder
     */
    public InstanceBuilder advertiseBeforeSteppingDown(boolean value) {
        this.advertiseBeforeSteppingDown = value;
        return this;
    }

    /**
     * Gratuitous ARP / unsolicited NA schedule; default {@link GarpConfig#KEEPALIVED_DEFAULTS}.
     *
     * @param config the config
     * @return this builder
     */
    public InstanceBuilder garp(GarpConfig config) {
        this.garp = config;
        return this;
    }

    /**
     * true: the instance owns the virtual router MAC of RFC 9568 7.3 (00:00:5e:00:01:VRID for IPv4,
     * 00:00:5e:00:02:VRID for IPv6), keepalived's {@code use_vmac}. Default false: the VIPs answer with the
     * interface's own MAC, and clients that ignore gratuitous ARP keep the old master's MAC after a failover.
     *
     * <p>The router creates a macvlan of that MAC on the instance's interface when it starts (named by
     * {@link #virtualMacName}, default {@code vrrp.VRID}) and removes it when it closes; one a killed run left
     * is taken over. VIPs given without a device, or on the instance's interface, go on the macvlan. It is
     * active only in MASTER: a backup's macvlan neither answers nor sends (protodown), while the interface's own
     * addresses keep working. Adverts leave through it, with the virtual MAC as Ethernet source, unless
     * {@link #vmacTransmitBase}. Linux only; needs CAP_NET_ADMIN and macvlan support in the kernel; sets
     * {@code arp_ignore} and {@code arp_announce} on the interface while it runs (docs/virtual-mac.md,
     * docs/operations.md).
     *
     * @param value whether to use a virtual MAC
     * @return this builder
     */
    public InstanceBuilder virtualMac(boolean value) {
        this.virtualMac = value;
        return this;
    }

    /**
     * The name of the virtual MAC interface (keepalived's {@code use_vmac NAME}); default {@code vrrp.VRID}.
     * At most 15 characters. An interface of that name that is not this instance's macvlan is an error at start
     * and is never deleted. Only with {@link #virtualMac(boolean) virtualMac(true)}.
     *
     * @param name the interface name
     * @return this builder
     */
    public InstanceBuilder virtualMacName(String name) {
        this.virtualMacName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * true: adverts leave through the instance's interface with its own MAC, while the VIPs stay on the virtual
     * MAC interface (keepalived's {@code vmac_xmit_base}), for switches that must not see the virtual MAC as a
     * source on a port, or peers that filter on it. Default false. Only with
     * {@link #virtualMac(boolean) virtualMac(true)}.
     *
     * @param value whether adverts are sent through the base interface
     * @return this builder
     */
    public InstanceBuilder vmacTransmitBase(boolean value) {
        this.vmacTransmitBase = value;
        return this;
    }

    /** A builder that validates back to {@code spec}: every field set, nothing left to defaults. */
    static InstanceBuilder from(InstanceSpec spec) {
        InstanceConfig c = spec.protocol();
        InstanceBuilder b = new InstanceBuilder();
        b.interfaceName = c.interfaceName();
        b.virtualRouterId = c.vrid();
        b.priority = c.priority();
        for (VirtualAddress v : c.vips()) {
            b.vips.add(new String[] {v.address().getHostAddress() + "/" + v.prefixLength(), v.device(), v.label()});
        }
        for (VirtualAddress v : c.excludedVips()) {
            b.excludedVips.add(new String[] {v.address().getHostAddress() + "/" + v.prefixLength(), v.device(),
                    v.label()});
        }
        b.version = c.version();
        b.advertisementInterval = Duration.ofMillis(c.advertIntervalCentis() * 10L);
        b.preempt = c.preempt();
        b.preemptDelay = Duration.ofMillis(c.preemptDelayCentis() * 10L);
        byte[] auth = c.authData();
        if (auth != null) {
            int length = 0;
            while (length < auth.length && auth[length] != 0) {
                length++;
            }
            b.authentication = new String(auth, 0, length, StandardCharsets.US_ASCII);
        }
        b.initialState = c.startAsMaster() ? VrrpState.MASTER : VrrpState.BACKUP;
        for (InetAddress peer : c.unicastPeers()) {
            b.unicastPeers.add(peer.getHostAddress());
        }
        b.sourceAddress = c.sourceAddress() == null ? null : c.sourceAddress().getHostAddress();
        b.dontTrackPrimary = !spec.trackedInterfaces().contains(c.interfaceName());
        for (String t : spec.trackedInterfaces()) {
            if (!t.equals(c.interfaceName())) {
                b.trackedInterfaces.add(t);
            }
        }
        b.weightedLinks.putAll(spec.weightedLinks());
        b.trackedChecks.putAll(spec.trackedChecks());
        b.onlyNamedChecks = true; // the resolved list: empty means none
        b.checksumWithIpv4PseudoHeader = c.v3Ipv4ChecksumForm() == ChecksumForm.IPV4_PSEUDO_HEADER;
        b.reassertOnLowerPriority = c.reassertOnLowerPriority();
        b.advertiseBeforeSteppingDown = c.advertiseBeforeSteppingDown();
        b.garp = c.garp();
        b.virtualMac = spec.virtualMac() != null;
        if (spec.virtualMac() != null) {
            b.virtualMacName = spec.virtualMac().interfaceName();
            b.vmacTransmitBase = spec.virtualMac().transmitThroughBase();
        }
        return b;
    }

    /** Fields set here win; unset ones come from {@code defaults}. */
    InstanceBuilder overlay(InstanceBuilder defaults) {
        InstanceBuilder r = new InstanceBuilder();
        r.interfaceName = interfaceName != null ? interfaceName : defaults.interfaceName;
        r.virtualRouterId = virtualRouterId != null ? virtualRouterId : defaults.virtualRouterId;
        r.priority = priority != null ? priority : defaults.priority;
        r.vips.addAll(vips.isEmpty() ? defaults.vips : vips);
        r.excludedVips.addAll(vips.isEmpty() && excludedVips.isEmpty() ? defaults.excludedVips : excludedVips);
        r.version = version != null ? version : defaults.version;
        r.advertisementInterval = advertisementInterval != null ? advertisementInterval : defaults.advertisementInterval;
        r.preempt = preempt != null ? preempt : defaults.preempt;
        r.preemptDelay = preemptDelay != null ? preemptDelay : defaults.preemptDelay;
        r.authentication = authentication != null ? authentication : defaults.authentication;
        r.initialState = initialState != null ? initialState : defaults.initialState;
        r.sourceAddress = sourceAddress != null ? sourceAddress : defaults.sourceAddress;
        r.unicastPeers.addAll(unicastPeers.isEmpty() ? defaults.unicastPeers : unicastPeers);
        r.trackedInterfaces.addAll(trackedInterfaces.isEmpty() ? defaults.trackedInterfaces : trackedInterfaces);
        r.weightedLinks.putAll(trackedInterfaces.isEmpty() ? defaults.weightedLinks : weightedLinks);
        r.dontTrackPrimary = dontTrackPrimary != null ? dontTrackPrimary : defaults.dontTrackPrimary;
        r.trackedChecks.putAll(trackedChecks.isEmpty() ? defaults.trackedChecks : trackedChecks);
        r.onlyNamedChecks = onlyNamedChecks != null ? onlyNamedChecks : defaults.onlyNamedChecks;
        r.checksumWithIpv4PseudoHeader = checksumWithIpv4PseudoHeader != null
                ? checksumWithIpv4PseudoHeader : defaults.checksumWithIpv4PseudoHeader;
        r.reassertOnLowerPriority = reassertOnLowerPriority != null
                ? reassertOnLowerPriority : defaults.reassertOnLowerPriority;
        r.advertiseBeforeSteppingDown = advertiseBeforeSteppingDown != null
                ? advertiseBeforeSteppingDown : defaults.advertiseBeforeSteppingDown;
        r.garp = garp != null ? garp : defaults.garp;
        r.virtualMac = virtualMac != null ? virtualMac : defaults.virtualMac;
        r.virtualMacName = virtualMacName != null ? virtualMacName : defaults.virtualMacName;
        r.vmacTransmitBase = vmacTransmitBase != null ? vmacTransmitBase : defaults.vmacTransmitBase;
        return r;
    }
}
