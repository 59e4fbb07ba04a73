package org.vrrp;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a router, taken on its protocol thread.
 *
 * @param instances             each instance, in declaration order
 * @param receiveErrors         packets that did not decode, by rule ({@code "bad-checksum"}, ...)
 * @param unknownVridPackets    adverts for a VRID not configured on that interface
 * @param lateWakeups           times the protocol thread woke later than half the shortest advert interval
 * @param maxTimerLatenessNanos the worst lateness seen
 */
public record RouterStats(List<InstanceStats> instances, Map<String, Long> receiveErrors, long unknownVridPackets,
                          long lateWakeups, long maxTimerLatenessNanos) {
    /** The instance of this name, or null. */
    public InstanceStats instance(String name) {
        for (InstanceStats i : instances) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
