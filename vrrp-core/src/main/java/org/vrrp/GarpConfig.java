package org.vrrp;

/**
 * When a master announces its addresses (gratuitous ARP for IPv4, unsolicited neighbor advertisement
 * for IPv6), with keepalived's knobs and defaults.
 *
 * @param masterDelayCentis    {@code garp_master_delay}: delay before the second burst after becoming master (default 5 s; 0 = no second burst)
 * @param masterRepeat         {@code garp_master_repeat}: announcements per address in each burst after becoming master (default 5)
 * @param masterRefreshCentis  {@code garp_master_refresh}: period of refresh bursts while master (default 0 = none)
 * @param masterRefreshRepeat  {@code garp_master_refresh_repeat}: announcements per address in each refresh burst (default 1)
 * @param intervalCentis       {@code vrrp_garp_interval} / {@code vrrp_gna_interval}: gap between announcements within a burst (default 0)
 */
public record GarpConfig(int masterDelayCentis, int masterRepeat, int masterRefreshCentis, int masterRefreshRepeat,
                         int intervalCentis) {
    /** keepalived's defaults. */
    public static final GarpConfig KEEPALIVED_DEFAULTS = new GarpConfig(500, 5, 0, 1, 0);

    /**
     * Checks each component against its range; the message names the keepalived keyword.
     *
     * @param masterDelayCentis {@code garp_master_delay}: delay before the second burst after becoming master (default 5 s; 0 = no second burst)
     * @param masterRepeat {@code garp_master_repeat}: announcements per address in each burst after becoming master (default 5)
     * @param masterRefreshCentis {@code garp_master_refresh}: period of refresh bursts while master (default 0 = none)
     * @param masterRefreshRepeat {@code garp_master_refresh_repeat}: announcements per address in each refresh burst (default 1)
     * @param intervalCentis {@code vrrp_garp_interval} / {@code vrrp_gna_interval}: gap between announcements within a burst (default 0)
     */
    public GarpConfig {
        requireNonNegative("garpMasterDelay", masterDelayCentis);
        requireNonNegative("garpMasterRefresh", masterRefreshCentis);
        requireNonNegative("garpInterval", intervalCentis);
        if (masterRepeat < 1 || masterRepeat > 255) {
            throw new IllegalArgumentException("garpMasterRepeat must be in 1..255, got " + masterRepeat);
        }
        if (masterRefreshRepeat < 1 || masterRefreshRepeat > 255) {
            throw new IllegalArgumentException("garpMasterRefreshRepeat must be in 1..255, got " + masterRefreshRepeat);
        }
    }

    private static void requireNonNegative(String field, int centis) {
        if (centis < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + centis + " cs");
        }
    }
}
