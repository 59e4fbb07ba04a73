package org.vrrp;

import java.util.List;
import java.util.Map;
import org.vrrp.packet.DecodeError;

/**
 * A snapshot of a router, taken on its protocol thread.
 *
 * <p>Packets that fail to decode cannot be trusted to name their VRID, so, as the router-wide
 * counters of the VRRP MIB (RFC 6527 {@code vrrpv3RouterChecksumErrors}, {@code ...VersionErrors},
 * {@code ...VrIdErrors}), they are counted here rather than per instance: see {@link #checksumErrors()},
 * {@link #versionErrors()}, {@link #vridErrors()} and {@link #lengthErrors()}.
 *
 * @param instances             each instance, in declaration order
 * @param receiveErrors         packets that did not decode, by rule ({@code "bad-checksum"}, ...)
 * @param unknownVridPackets    adverts for a VRID not configured on that interface
 * @param lateWakeups           times the protocol thread woke later than half the shortest advert interval
 * @param maxTimerLatenessNanos the worst lateness seen
 * @param timerLateness         every timer wake-up of the protocol thread since the start, by lateness
 */
public record RouterStats(List<InstanceStats> instances, Map<String, Long> receiveErrors, long unknownVridPackets,
                          long lateWakeups, long maxTimerLatenessNanos, LatenessHistogram timerLateness) {
    /**
     * Packets whose checksum verified in no allowed form ({@code bad-checksum}).
     *
     * @return the checksum errors
     */
    public long checksumErrors() {
        return count(DecodeError.BAD_CHECKSUM);
    }

    /**
     * Packets with an unknown VRRP version, or version 2 over IPv6.
     *
     * @return the version errors
     */
    public long versionErrors() {
        return count(DecodeError.BAD_VERSION) + count(DecodeError.VERSION_FAMILY_MISMATCH);
    }

    /**
     * Packets with VRID 0, or for a VRID no instance runs on the interface they came in on.
     *
     * @return the VRID errors
     */
    public long vridErrors() {
        return count(DecodeError.BAD_VRID) + unknownVridPackets;
    }

    /**
     * Packets whose lengths disagree: truncated, IP length mismatch, or a length that does not fit the address count.
     *
     * @return the length errors
     */
    public long lengthErrors() {
        return count(DecodeError.TRUNCATED) + count(DecodeError.LENGTH_MISMATCH) + count(DecodeError.ADDRESS_COUNT_MISMATCH);
    }

    private long count(DecodeError rule) {
        return receiveErrors.getOrDefault(rule.wireName(), 0L);
    }

    /**
     * The instance of this name, or null.
     *
     * @param name the instance's name
     * @return the instance of this name, or null
     */
    public InstanceStats instance(String name) {
        for (InstanceStats i : instances) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
