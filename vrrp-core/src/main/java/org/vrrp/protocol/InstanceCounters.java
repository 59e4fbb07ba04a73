package org.vrrp.protocol;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vrrp.packet.ChecksumForm;

/**
 * Counters of one instance, after the VRRP MIB (RFC 6527) where it has one. Written by the machine on the protocol
 * thread only (the increments are package-private); readable from any thread through the accessors (each counter is
 * atomic, a set of them is not a snapshot).
 */
public final class InstanceCounters {
    private final AtomicLong becameMaster = new AtomicLong();
    private final AtomicLong advertsSent = new AtomicLong();
    private final AtomicLong advertsReceived = new AtomicLong();
    private final AtomicLong priorityZeroSent = new AtomicLong();
    private final AtomicLong priorityZeroReceived = new AtomicLong();
    private final AtomicLong ttlErrors = new AtomicLong();
    private final AtomicLong versionErrors = new AtomicLong();
    private final AtomicLong authTypeMismatches = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong intervalErrors = new AtomicLong();
    private final AtomicLong addressListErrors = new AtomicLong();
    private final AtomicLong unknownPeerErrors = new AtomicLong();
    private final AtomicLong peersNotHearingUs = new AtomicLong();
    private final AtomicLong syncGroupHeldTakeovers = new AtomicLong();
    private final Map<InetAddress, ChecksumForm> peerChecksumForms = new ConcurrentHashMap<>();

    /** @return times this instance became MASTER */
    public long becameMaster() {
        return becameMaster.get();
    }

    /** @return adverts sent */
    public long advertsSent() {
        return advertsSent.get();
    }

    /** @return adverts received */
    public long advertsReceived() {
        return advertsReceived.get();
    }

    /** @return priority-0 adverts sent */
    public long priorityZeroSent() {
        return priorityZeroSent.get();
    }

    /** @return priority-0 adverts received */
    public long priorityZeroReceived() {
        return priorityZeroReceived.get();
    }

    /** @return TTL / hop limit other than 255 on a multicast advert */
    public long ttlErrors() {
        return ttlErrors.get();
    }

    /** @return VRRP version other than ours */
    public long versionErrors() {
        return versionErrors.get();
    }

    /** @return v2 auth type other than ours (e.g. a PASS router beside a no-auth RFC 3768 router) */
    public long authTypeMismatches() {
        return authTypeMismatches.get();
    }

    /** @return v2 simple-text password other than ours */
    public long authFailures() {
        return authFailures.get();
    }

    /** @return v2 advert with another interval (dropped, as RFC 3768 says) */
    public long intervalErrors() {
        return intervalErrors.get();
    }

    /** @return advert whose address list differs from ours (logged, still used) */
    public long addressListErrors() {
        return addressListErrors.get();
    }

    /** @return adverts from a source that is not a configured unicast peer */
    public long unknownPeerErrors() {
        return unknownPeerErrors.get();
    }

    /** @return lower-priority peers that kept advertising as master while we were master: they do not hear us */
    public long peersNotHearingUs() {
        return peersNotHearingUs.get();
    }

    /** @return down-timer expiries that the sync group held back because another member still hears a master */
    public long syncGroupHeldTakeovers() {
        return syncGroupHeldTakeovers.get();
    }

    /** @return the checksum form each peer last used (v3 IPv4 is split between two forms on the wire); a read-only view */
    public Map<InetAddress, ChecksumForm> peerChecksumForms() {
        return Collections.unmodifiableMap(peerChecksumForms);
    }

    void countBecameMaster() {
        becameMaster.incrementAndGet();
    }

    void countAdvertsSent() {
        advertsSent.incrementAndGet();
    }

    void countAdvertsReceived() {
        advertsReceived.incrementAndGet();
    }

    void countPriorityZeroSent() {
        priorityZeroSent.incrementAndGet();
    }

    void countPriorityZeroReceived() {
        priorityZeroReceived.incrementAndGet();
    }

    void countTtlErrors() {
        ttlErrors.incrementAndGet();
    }

    void countVersionErrors() {
        versionErrors.incrementAndGet();
    }

    void countAuthTypeMismatches() {
        authTypeMismatches.incrementAndGet();
    }

    void countAuthFailures() {
        authFailures.incrementAndGet();
    }

    void countIntervalErrors() {
        intervalErrors.incrementAndGet();
    }

    void countAddressListErrors() {
        addressListErrors.incrementAndGet();
    }

    void countUnknownPeerErrors() {
        unknownPeerErrors.incrementAndGet();
    }

    void countPeersNotHearingUs() {
        peersNotHearingUs.incrementAndGet();
    }

    void countSyncGroupHeldTakeovers() {
        syncGroupHeldTakeovers.incrementAndGet();
    }

    void peerUsed(InetAddress peer, ChecksumForm form) {
        peerChecksumForms.put(peer, form);
    }
}
