package org.vrrp.testing;

import java.time.Duration;
import java.util.stream.Stream;
import org.vrrp.VrrpRouter;

/**
 * An advert timing that a timed rule is tested at: VRRPv2 at 1, 3, 5 and 7 s (the seeds run 3, 5 and 7,
 * where v2's unscaled Skew_Time and v3's scaled one differ), VRRPv3 at 50 ms and 1 s.
 *
 * <p>The expected times are worked out here from the RFC text, not with the code under test.
 *
 * @param version        2 or 3
 * @param intervalCentis the advert interval
 */
public record Timing(int version, int intervalCentis) {
    /** Every timing, for {@code @MethodSource("org.vrrp.testing.Timing#all")}. */
    public static Stream<Timing> all() {
        return Stream.of(new Timing(2, 100), new Timing(2, 300), new Timing(2, 500), new Timing(2, 700),
                new Timing(3, 5), new Timing(3, 100));
    }

    /** The VRRPv3 timings only, for the rules about a learned Master_Adver_Interval. */
    public static Stream<Timing> v3() {
        return all().filter(t -> t.version == 3);
    }

    public Duration interval() {
        return Duration.ofMillis(intervalCentis * 10L);
    }

    /** Sets this version and interval on a builder. */
    public VrrpRouter.Builder apply(VrrpRouter.Builder b) {
        return b.version(version).advertisementInterval(interval());
    }

    /** RFC 3768 6.1: (256 - P) / 256 s whatever the interval; RFC 9568 6.1: ((256 - P) * interval) / 256. */
    public long skewMicros(int priority) {
        return version == 2 ? (256L - priority) * 1_000_000L / 256 : (256L - priority) * intervalCentis * 10_000L / 256;
    }

    /** Master_Down_Interval = 3 * Master_Adver_Interval + Skew_Time. */
    public long masterDownMicros(int priority) {
        return 3L * intervalCentis * 10_000L + skewMicros(priority);
    }

    public Duration skew(int priority) {
        return Duration.ofNanos(skewMicros(priority) * 1_000L);
    }

    public Duration masterDown(int priority) {
        return Duration.ofNanos(masterDownMicros(priority) * 1_000L);
    }

    @Override
    public String toString() {
        return "v" + version + " " + (intervalCentis % 100 == 0 ? intervalCentis / 100 + " s" : intervalCentis * 10 + " ms");
    }
}
