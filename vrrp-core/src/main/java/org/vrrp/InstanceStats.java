package org.vrrp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of one instance, taken on the protocol thread so that its fields agree with each other.
 *
 * @param name                       instance name
 * @param state                      state now
 * @param timeInState                how long it has been in that state
 * @param lastTransition             the last transition, or null before the first
 * @param configuredPriority         priority as configured or last set with {@link VrrpRouter#setPriority}
 * @param effectivePriority          priority after health-check weights
 * @param healthContributions        health check name to what it adds to the priority now (0 when it adds nothing)
 * @param masterAddress              the master's address (ours when MASTER), or null if none heard
 * @param masterPriority             the master's priority (0 if none heard)
 * @param masterAdvertIntervalCentis the master's advert interval in centiseconds
 * @param becameMaster               times this instance became MASTER
 * @param advertsSent                adverts sent
 * @param advertsReceived            adverts received for this VRID (before the instance's own checks)
 * @param priorityZeroSent           priority-0 adverts sent (resigning)
 * @param priorityZeroReceived       priority-0 adverts received
 * @param ttlErrors                  adverts dropped for TTL / hop limit other than 255
 * @param versionErrors              adverts dropped for another VRRP version
 * @param authErrors                 adverts dropped for another auth type or password (v2)
 * @param intervalErrors             v2 adverts dropped for another interval
 * @param addressListErrors          adverts whose address list differs from ours
 * @param peerChecksumForms          checksum form each peer was last seen using
 * @param peersNotHearingUs          times a lower-priority peer kept advertising as master while we were master
 *                                   (it does not hear us: usually a firewall dropping protocol 112)
 * @param syncGroupHeldTakeovers     times this instance's down timer fired but its sync group stayed put
 *                                   because another member still heard a master
 * @param transitions                state changes of this instance since the router started
 * @param vipAddErrors               times the kernel refused to add a VIP; each sends the instance to FAULT
 *                                   (priority 0 on the wire, so a backup takes over) instead of MASTER
 * @param ownAddressAdverts          adverts for this VRID that came from this host's own address (another
 *                                   router on this host, or a duplicate address), dropped
 */
public record InstanceStats(String name, VrrpState state, Duration timeInState, StateChange lastTransition,
                            int configuredPriority, int effectivePriority, Map<String, Integer> healthContributions,
                            InetAddress masterAddress, int masterPriority, int masterAdvertIntervalCentis,
                            long becameMaster, long advertsSent, long advertsReceived, long priorityZeroSent,
                            long priorityZeroReceived, long ttlErrors, long versionErrors, long authErrors,
                            long intervalErrors, long addressListErrors, Map<String, String> peerChecksumForms,
                            long peersNotHearingUs, long syncGroupHeldTakeovers, long transitions,
                            long vipAddErrors, long ownAddressAdverts) {
}
