package org.vrrp.protocol;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vrrp.packet.ChecksumForm;

/**
 * Counters of one instance, after the VRRP MIB (RFC 6527) where it has one. Written by the protocol
 * thread only; readable from any thread (each counter is atomic, a set of them is not a snapshot).
 */
public final class InstanceCounters {
    public final AtomicLong becameMaster = new AtomicLong();
    public final AtomicLong advertsSent = new AtomicLong();
    public final AtomicLong advertsReceived = new AtomicLong();
    public final AtomicLong priorityZeroSent = new AtomicLong();
    public final AtomicLong priorityZeroReceived = new AtomicLong();
    /** TTL / hop limit other than 255 on a multicast advert. */
    public final AtomicLong ttlErrors = new AtomicLong();
    /** VRRP version other than ours. */
    public final AtomicLong versionErrors = new AtomicLong();
    /** v2 auth type other than ours (e.g. a PASS router beside a no-auth RFC 3768 router). */
    public final AtomicLong authTypeMismatches = new AtomicLong();
    /** v2 simple-text password other than ours. */
    public final AtomicLong authFailures = new AtomicLong();
    /** v2 advert with another interval (dropped, as RFC 3768 says). */
    public final AtomicLong intervalErrors = new AtomicLong();
    /** Advert whose address list differs from ours (logged, still used). */
    public final AtomicLong addressListErrors = new AtomicLong();
    /** Adverts from a source that is not a configured unicast peer. */
    public final AtomicLong unknownPeerErrors = new AtomicLong();
    /** Lower-priority peers that kept advertising as master while we were master: they do not hear us. */
    public final AtomicLong peersNotHearingUs = new AtomicLong();
    /** Down-timer expiries that the sync group held back because another member still hears a master. */
    public final AtomicLong syncGroupHeldTakeovers = new AtomicLong();
    /** Checksum form each peer last used (v3 IPv4 is split between two forms on the wire). */
    public final Map<InetAddress, ChecksumForm> peerChecksumForms = new ConcurrentHashMap<>();
}
