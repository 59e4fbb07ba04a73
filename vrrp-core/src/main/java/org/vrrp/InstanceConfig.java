package org.vrrp;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.spi.VirtualAddress;

/**
 * Everything one VRRP instance needs, validated by the public builder before it gets here.
 *
 * @param name                      instance name, used in logs and callbacks
 * @param interfaceName             interface the instance runs on
 * @param family                    IPv4 or IPv6 (v2 is IPv4 only)
 * @param version                   2 or 3
 * @param vrid                      1..255
 * @param priority                  configured priority 1..255 (255 = address owner)
 * @param advertIntervalCentis      our advertisement interval (v2: a multiple of 100)
 * @param preempt                   whether a higher-priority backup takes over from a lower-priority master
 * @param preemptDelayCentis        how long a backup waits before preempting a lower-priority master
 * @param startAsMaster             keepalived's {@code state MASTER}: claim mastership at start instead of waiting
 * @param authData                  v2 simple-text auth data (8 bytes), or null for none
 * @param vips                      virtual addresses, same family
 * @param unicastPeers              empty for multicast; else the only peers adverts go to and are accepted from
 * @param v3Ipv4ChecksumForm        checksum form sent by a v3 IPv4 instance
 * @param reassertOnLowerPriority   RFC 9568: a master that hears a lower-priority advert sends one at once;
 *                                  false keeps RFC 3768/5798's behaviour of discarding it
 * @param garp                      announcement schedule
 * @param excludedVips              keepalived's {@code virtual_ipaddress_excluded}: added and removed with the
 *                                  VIPs (and announced) but not carried in adverts; may be of either family
 * @param sourceAddress             the address adverts are sent from (keepalived's {@code unicast_src_ip} /
 *                                  {@code mcast_src_ip}), or null for the interface's primary (IPv4) or
 *                                  link-local (IPv6) address
 * @param advertiseBeforeSteppingDown keepalived's {@code higher_prio_send_advert}: a master that hears a higher
 *                                  priority sends one advert at its own priority before it becomes backup, so
 *                                  that the other master, if it had not heard us (a healed split), reasserts and
 *                                  announces its addresses
 */
public record InstanceConfig(String name, String interfaceName, AddressFamily family, int version, int vrid,
                             int priority, int advertIntervalCentis, boolean preempt, int preemptDelayCentis,
                             boolean startAsMaster, byte[] authData, List<VirtualAddress> vips,
                             List<InetAddress> unicastPeers, ChecksumForm v3Ipv4ChecksumForm,
                             boolean reassertOnLowerPriority, GarpConfig garp, List<VirtualAddress> excludedVips,
                             InetAddress sourceAddress, boolean advertiseBeforeSteppingDown) {
    /**
     * Checks that the required components are present and copies the lists, so the configuration is immutable; ranges are checked once, by the builder.
     *
     * @param name instance name, used in logs and callbacks
     * @param interfaceName interface the instance runs on
     * @param family IPv4 or IPv6 (v2 is IPv4 only)
     * @param version 2 or 3
     * @param vrid 1..255
     * @param priority configured priority 1..255 (255 = address owner)
     * @param advertIntervalCentis our advertisement interval (v2: a multiple of 100)
     * @param preempt whether a higher-priority backup takes over from a lower-priority master
     * @param preemptDelayCentis how long a backup waits before preempting a lower-priority master
     * @param startAsMaster keepalived's {@code state MASTER}: claim mastership at start instead of waiting
     * @param authData v2 simple-text auth data (8 bytes), or null for none
     * @param vips virtual addresses, same family
     * @param unicastPeers empty for multicast; else the only peers adverts go to and are accepted from
     * @param v3Ipv4ChecksumForm checksum form sent by a v3 IPv4 instance
     * @param reassertOnLowerPriority RFC 9568: a master that hears a lower-priority advert sends one at once; false keeps RFC 3768/5798's behaviour of discarding it
     * @param garp announcement schedule
     * @param excludedVips addresses added and removed with the VIPs but not advertised
     * @param sourceAddress the address adverts are sent from, or null for the interface's own
     * @param advertiseBeforeSteppingDown whether a master that hears a higher priority advertises once before it
     *                                    becomes backup (keepalived's {@code higher_prio_send_advert})
     */
    public InstanceConfig {
        excludedVips = List.copyOf(excludedVips);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(family, "family");
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
        Objects.requireNonNull(v3Ipv4ChecksumForm, "v3Ipv4ChecksumForm");
        Objects.requireNonNull(garp, "garp");
        authData = authData == null ? null : authData.clone();
    }

    /**
     * An instance without excluded addresses, sending from the interface's own address, that advertises once
     * before it steps down to a higher priority (the library's default).
     *
     * @param name instance name
     * @param interfaceName interface the instance runs on
     * @param family IPv4 or IPv6
     * @param version 2 or 3
     * @param vrid 1..255
     * @param priority configured priority 1..255
     * @param advertIntervalCentis our advertisement interval
     * @param preempt whether a higher-priority backup takes over
     * @param preemptDelayCentis how long a backup waits before preempting
     * @param startAsMaster claim mastership at start instead of waiting
     * @param authData v2 simple-text auth data, or null for none
     * @param vips virtual addresses, same family
     * @param unicastPeers empty for multicast; else the peers
     * @param v3Ipv4ChecksumForm checksum form sent by a v3 IPv4 instance
     * @param reassertOnLowerPriority whether a master answers a lower-priority advert at once
     * @param garp announcement schedule
     */
    public InstanceConfig(String name, String interfaceName, AddressFamily family, int version, int vrid,
                          int priority, int advertIntervalCentis, boolean preempt, int preemptDelayCentis,
                          boolean startAsMaster, byte[] authData, List<VirtualAddress> vips,
                          List<InetAddress> unicastPeers, ChecksumForm v3Ipv4ChecksumForm,
                          boolean reassertOnLowerPriority, GarpConfig garp) {
        this(name, interfaceName, family, version, vrid, priority, advertIntervalCentis, preempt, preemptDelayCentis,
                startAsMaster, authData, vips, unicastPeers, v3Ipv4ChecksumForm, reassertOnLowerPriority, garp,
                List.of(), null, true);
    }

    /**
     * The advertised VIPs, then the excluded ones: every address this instance adds as master.
     *
     * @return the VIPs and the excluded addresses
     */
    public List<VirtualAddress> managedAddresses() {
        if (excludedVips.isEmpty()) {
            return vips;
        }
        List<VirtualAddress> all = new java.util.ArrayList<>(vips);
        all.addAll(excludedVips);
        return List.copyOf(all);
    }

    /** @return a copy of the v2 simple-text auth data (8 bytes), or null for none; changing it changes nothing here */
    @Override
    public byte[] authData() {
        return authData == null ? null : authData.clone();
    }

    /** Equal when every field is, the auth data compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceConfig c && name.equals(c.name) && interfaceName.equals(c.interfaceName)
                && family == c.family && version == c.version && vrid == c.vrid && priority == c.priority
                && advertIntervalCentis == c.advertIntervalCentis && preempt == c.preempt
                && preemptDelayCentis == c.preemptDelayCentis && startAsMaster == c.startAsMaster
                && Arrays.equals(authData, c.authData) && vips.equals(c.vips) && unicastPeers.equals(c.unicastPeers)
                && v3Ipv4ChecksumForm == c.v3Ipv4ChecksumForm && reassertOnLowerPriority == c.reassertOnLowerPriority
                && garp.equals(c.garp) && excludedVips.equals(c.excludedVips)
                && Objects.equals(sourceAddress, c.sourceAddress)
                && advertiseBeforeSteppingDown == c.advertiseBeforeSteppingDown;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, interfaceName, family, version, vrid, priority, advertIntervalCentis,
                Arrays.hashCode(authData), vips, unicastPeers);
    }

    /**
     * Whether this instance owns its addresses (priority 255).
     *
     * @return whether this instance owns its addresses (priority 255)
     */
    public boolean isOwner() {
        return priority == 255;
    }

    /**
     * Checks a priority this instance is asked to run with (API, control socket): 1..255, and 255 only if
     * it was configured as the address owner, since 255 claims the addresses outright and is never
     * weighted by health checks.
     *
     * @param newPriority the priority
     * @throws IllegalArgumentException naming the rule and the fix
     */
    public void requireAllowedPriority(int newPriority) {
        if (newPriority < 1 || newPriority > 255) {
            throw new IllegalArgumentException("priority must be in 1..255, got " + newPriority);
        }
        if (newPriority == 255 && !isOwner()) {
            throw new IllegalArgumentException("instance " + name + ": priority 255 is reserved for the address owner"
                    + " (RFC 9568 6.1), and this instance was configured with priority " + priority + ", so it does"
                    + " not own its addresses. Use 1..254, or configure it with priority 255 if this host really"
                    + " owns the virtual addresses");
        }
    }

    /**
     * The checksum form this instance sends.
     *
     * @return the checksum form this instance sends
     */
    public ChecksumForm sendChecksumForm() {
        if (version == 2) {
            return ChecksumForm.MESSAGE;
        }
        return family == AddressFamily.IPV6 ? ChecksumForm.IPV6_PSEUDO_HEADER : v3Ipv4ChecksumForm;
    }

    /**
     * The same config with another name, interface or VIP list is built by the builder; this copies with a new priority.
     *
     * @param newPriority the priority
     * @return a copy of this config with {@code newPriority}
     */
    public InstanceConfig withPriority(int newPriority) {
        return new InstanceConfig(name, interfaceName, family, version, vrid, newPriority, advertIntervalCentis,
                preempt, preemptDelayCentis, startAsMaster, authData, vips, unicastPeers, v3Ipv4ChecksumForm,
                reassertOnLowerPriority, garp, excludedVips, sourceAddress, advertiseBeforeSteppingDown);
    }
}
