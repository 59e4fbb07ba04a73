package org.vrrp.config.keepalived;

/**
 * Gratuitous ARP / unsolicited NA repeats of one instance, resolved: the instance's own
 * {@code garp_*} keywords, else the global {@code vrrp_garp_*} ones, else keepalived's defaults.
 * Immutable and thread-safe.
 *
 * @param masterDelaySeconds       delay of the second burst after becoming master; 0 = no second burst
 *                                 ({@code garp_master_delay}, default 5)
 * @param masterRepeat             messages per burst after becoming master ({@code garp_master_repeat}, default 5)
 * @param masterRefreshSeconds     period of refresh bursts while master; 0 = none ({@code garp_master_refresh}, default 0)
 * @param masterRefreshRepeat      messages per refresh burst ({@code garp_master_refresh_repeat}, default 1)
 * @param lowerPrioDelaySeconds    delay of the second burst after a lower-priority advert while master
 *                                 ({@code garp_lower_prio_delay}, default: masterDelaySeconds)
 * @param lowerPrioRepeat          messages per burst after a lower-priority advert while master
 *                                 ({@code garp_lower_prio_repeat}, default: masterRepeat)
 */
public record GarpSettings(int masterDelaySeconds, int masterRepeat, int masterRefreshSeconds, int masterRefreshRepeat,
                           int lowerPrioDelaySeconds, int lowerPrioRepeat) {
    /** keepalived's defaults (keepalived.conf(5), global_defs). */
    public static final GarpSettings KEEPALIVED_DEFAULTS = new GarpSettings(5, 5, 0, 1, 5, 5);

    /**
     * Checks that no setting is negative.
     *
     * @param masterDelaySeconds delay of the second burst after becoming master; 0 = no second burst ({@code garp_master_delay}, default 5)
     * @param masterRepeat messages per burst after becoming master ({@code garp_master_repeat}, default 5)
     * @param masterRefreshSeconds period of refresh bursts while master; 0 = none ({@code garp_master_refresh}, default 0)
     * @param masterRefreshRepeat messages per refresh burst ({@code garp_master_refresh_repeat}, default 1)
     * @param lowerPrioDelaySeconds delay of the second burst after a lower-priority advert while master ({@code garp_lower_prio_delay}, default: masterDelaySeconds)
     * @param lowerPrioRepeat messages per burst after a lower-priority advert while master ({@code garp_lower_prio_repeat}, default: masterRepeat)
     */
    public GarpSettings {
        requireNonNegative("masterDelaySeconds", masterDelaySeconds);
        requireNonNegative("masterRepeat", masterRepeat);
        requireNonNegative("masterRefreshSeconds", masterRefreshSeconds);
        requireNonNegative("masterRefreshRepeat", masterRefreshRepeat);
        requireNonNegative("lowerPrioDelaySeconds", lowerPrioDelaySeconds);
        requireNonNegative("lowerPrioRepeat", lowerPrioRepeat);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
