package org.vrrp.protocol;

/**
 * The VRRP timer formulas (RFC 9568 section 6.1; RFC 3768 section 6.1 with seconds as 100 cs), in one
 * place.
 *
 * <p>Intervals are centiseconds, the unit on the wire. Skew_Time and Master_Down_Interval are kept in
 * integer microseconds so that nothing is lost to truncation: RFC 3768's example priority 100 at 1 s
 * gives a skew of 0.609375 s exactly. (Integer centiseconds would round it to 0.60 s, and a float
 * truncated to an integer is how skew silently becomes 0 in some implementations.)
 */
public final class TimerMath {
    /** Nanoseconds per centisecond. */
    public static final long NANOS_PER_CENTI = 10_000_000L;
    /** Microseconds per centisecond. */
    public static final long MICROS_PER_CENTI = 10_000L;

    private TimerMath() {}

    /**
     * Skew_Time in microseconds. VRRPv2 (RFC 3768 6.1): (256 - Priority) / 256 seconds, whatever the
     * advert interval (keepalived computes it the same way). VRRPv3 (RFC 9568 6.1):
     * ((256 - Priority) * Master_Adver_Interval) / 256. The two agree only at a 1 s interval.
     *
     * @param version the version
     * @param priority the priority
     * @param masterAdvertIntervalCentis the master advert interval centis
     * @return Skew_Time in microseconds
     */
    public static long skewMicros(int version, int priority, int masterAdvertIntervalCentis) {
        long scaleCentis = version == 2 ? 100 : masterAdvertIntervalCentis;
        return (256L - priority) * scaleCentis * MICROS_PER_CENTI / 256L;
    }

    /**
     * Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time, in microseconds (both versions).
     *
     * @param version the version
     * @param priority the priority
     * @param masterAdvertIntervalCentis the master advert interval centis
     * @return Master_Down_Interval in microseconds
     */
    public static long masterDownMicros(int version, int priority, int masterAdvertIntervalCentis) {
        return 3L * masterAdvertIntervalCentis * MICROS_PER_CENTI
                + skewMicros(version, priority, masterAdvertIntervalCentis);
    }

    /**
     * Centiseconds to nanoseconds.
     *
     * @param centis the centis
     * @return the same time in nanoseconds
     */
    public static long centisToNanos(long centis) {
        return centis * NANOS_PER_CENTI;
    }

    /**
     * Microseconds to nanoseconds.
     *
     * @param micros the micros
     * @return the same time in nanoseconds
     */
    public static long microsToNanos(long micros) {
        return micros * 1_000L;
    }
}
