package org.vrrp.config.keepalived;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vrrp.VrrpState;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.VrrpLimits;
import org.vrrp.script.NotifyScripts;

/**
 * A validated {@code vrrp_instance} block, with keepalived's defaults filled in and every value
 * checked against keepalived's ranges. Immutable and thread-safe.
 *
 * @param name                 the instance's name
 * @param initialState         {@code state}: {@link VrrpState#MASTER} or {@link VrrpState#BACKUP} (default BACKUP)
 * @param interfaceName        {@code interface} (required)
 * @param virtualRouterId      {@code virtual_router_id}, 1..255 (required)
 * @param priority             {@code priority}, 1..255 (default 100; 255 = address owner)
 * @param advertIntervalCentis {@code advert_int} in centiseconds (default 100); whole seconds for v2,
 *                             1..4095 for v3
 * @param version              effective VRRP version, 2 or 3: {@code version}, else global {@code vrrp_version},
 *                             else 3 for IPv6 and 2 for IPv4 (keepalived's rule)
 * @param family               the family of the virtual addresses (IPv4 when there are none)
 * @param preempt              false when {@code nopreempt} was given (default true)
 * @param preemptDelayMillis   {@code preempt_delay} (default 0, 0..1000 s)
 * @param authPass             {@code authentication { auth_type PASS; auth_pass ... }}: the password,
 *                             truncated to 8 characters like keepalived; empty = no authentication
 * @param virtualAddresses     {@code virtual_ipaddress}: the VIPs carried in adverts, all of {@link #family()}
 * @param excludedAddresses    {@code virtual_ipaddress_excluded}: added and removed with the VIPs, not advertised
 * @param trackInterfaces      {@code track_interface}
 * @param trackScripts         {@code track_script}, weights resolved against the vrrp_scripts
 * @param notifyScripts        {@code notify*} scripts (type INSTANCE)
 * @param garp                 gratuitous ARP / NA repeats, resolved against global_defs
 * @param dontTrackPrimary     {@code dont_track_primary}: link down on {@link #interfaceName()} does not cause FAULT
 * @param sourceAddress        {@code unicast_src_ip} or {@code mcast_src_ip} (keepalived treats them alike):
 *                             source address of adverts instead of the interface's primary address
 * @param unicastPeers         {@code unicast_peer}: when not empty, adverts go to these addresses instead of multicast
 * @param accept               accept mode: {@code accept} / {@code no_accept}; default true as in keepalived
 *                             (RFC 9568's default is false)
 * @param v3ChecksumAsV2       {@code v3_checksum_as_v2} (instance, else global): VRRPv3 IPv4 checksum
 *                             without the pseudo-header
 * @param location             where the block starts
 * @param keywordLocations     where each keyword of the block was written (the last occurrence), for
 *                             messages about values found wrong later
 * @param trackFiles           {@code track_file { }} entries, each naming a track_file block
 * @param trackProcesses       {@code track_process { }} entries, each naming a vrrp_track_process block
 * @param virtualMacName       {@code use_vmac [NAME]}: the virtual MAC interface's name; empty without use_vmac
 * @param vmacTransmitBase     {@code vmac_xmit_base}: adverts leave through the base interface
 * @param higherPrioSendAdvert {@code higher_prio_send_advert} (instance, else global
 *                             {@code vrrp_higher_prio_send_advert}, else on: the library's default, where
 *                             keepalived's is off): advertise once before stepping down to a higher priority
 */
public record VrrpInstanceDef(String name, VrrpState initialState, String interfaceName, int virtualRouterId,
                              int priority, int advertIntervalCentis, int version, AddressFamily family,
                              boolean preempt, int preemptDelayMillis, Optional<String> authPass,
                              List<VirtualIpAddress> virtualAddresses, List<VirtualIpAddress> excludedAddresses,
                              List<TrackedInterface> trackInterfaces, List<TrackedScript> trackScripts,
                              NotifyScripts notifyScripts, GarpSettings garp, boolean dontTrackPrimary,
                              Optional<InetAddress> sourceAddress, List<InetAddress> unicastPeers, boolean accept,
                              boolean v3ChecksumAsV2, SourceLocation location,
                              Map<String, SourceLocation> keywordLocations, List<TrackedEntry> trackFiles,
                              List<TrackedEntry> trackProcesses, Optional<String> virtualMacName,
                              boolean vmacTransmitBase, boolean higherPrioSendAdvert) {
    /**
     * Checks that the components are present and copies the collections, so the definition is immutable.
     *
     * @param name the instance's name
     * @param initialState {@code state}: {@link VrrpState#MASTER} or {@link VrrpState#BACKUP} (default BACKUP)
     * @param interfaceName {@code interface} (required)
     * @param virtualRouterId {@code virtual_router_id}, 1..255 (required)
     * @param priority {@code priority}, 1..255 (default 100; 255 = address owner)
     * @param advertIntervalCentis {@code advert_int} in centiseconds (default 100); whole seconds for v2, 1..4095 for v3
     * @param version effective VRRP version, 2 or 3: {@code version}, else global {@code vrrp_version}, else 3 for IPv6 and 2 for IPv4 (keepalived's rule)
     * @param family the family of the virtual addresses (IPv4 when there are none)
     * @param preempt false when {@code nopreempt} was given (default true)
     * @param preemptDelayMillis {@code preempt_delay} (default 0, 0..1000 s)
     * @param authPass {@code authentication { auth_type PASS; auth_pass ... }}: the password, truncated to 8 characters like keepalived; empty = no authentication
     * @param virtualAddresses {@code virtual_ipaddress}: the VIPs carried in adverts, all of {@link #family()}
     * @param excludedAddresses {@code virtual_ipaddress_excluded}: added and removed with the VIPs, not advertised
     * @param trackInterfaces {@code track_interface}
     * @param trackScripts {@code track_script}, weights resolved against the vrrp_scripts
     * @param notifyScripts {@code notify*} scripts (type INSTANCE)
     * @param garp gratuitous ARP / NA repeats, resolved against global_defs
     * @param dontTrackPrimary {@code dont_track_primary}: link down on {@link #interfaceName()} does not cause FAULT
     * @param sourceAddress {@code unicast_src_ip} or {@code mcast_src_ip} (keepalived treats them alike): source address of adverts instead of the interface's primary address
     * @param unicastPeers {@code unicast_peer}: when not empty, adverts go to these addresses instead of multicast
     * @param accept accept mode: {@code accept} / {@code no_accept}; default true as in keepalived (RFC 9568's default is false)
     * @param v3ChecksumAsV2 {@code v3_checksum_as_v2} (instance, else global): VRRPv3 IPv4 checksum without the pseudo-header
     * @param location where the block starts
     * @param keywordLocations where each keyword of the block was written (the last occurrence), for messages about values found wrong later
     * @param trackFiles {@code track_file { }} entries, each naming a track_file block
     * @param trackProcesses {@code track_process { }} entries, each naming a vrrp_track_process block
     * @param virtualMacName {@code use_vmac [NAME]}: the virtual MAC interface's name ({@code vrrp.VRID} when no
     *                       name is given); empty without use_vmac
     * @param vmacTransmitBase {@code vmac_xmit_base}: adverts leave through the base interface
     * @param higherPrioSendAdvert {@code higher_prio_send_advert}, resolved: advertise once before stepping down
     */
    public VrrpInstanceDef {
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authPass, "authPass");
        virtualAddresses = List.copyOf(virtualAddresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
        Objects.requireNonNull(garp, "garp");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        unicastPeers = List.copyOf(unicastPeers);
        Objects.requireNonNull(location, "location");
        keywordLocations = Map.copyOf(keywordLocations);
        Objects.requireNonNull(virtualMacName, "virtualMacName");
    }

    /**
     * Where {@code keyword} was written in this block, or the block's start when it was not.
     *
     * @param keyword the keyword
     * @return where {@code keyword} was set, or null
     */
    public SourceLocation locationOf(String keyword) {
        return keywordLocations.getOrDefault(keyword, location);
    }

    /**
     * True when this router owns the addresses (priority 255).
     *
     * @return whether the instance owns its addresses (priority 255)
     */
    public boolean isAddressOwner() {
        return priority == VrrpLimits.OWNER_PRIORITY;
    }
}
