package org.vrrp.linux.it;

import java.time.Duration;
import java.util.List;
import org.vrrp.VrrpRouter;
import org.vrrp.protocol.TimerMath;

/**
 * Helpers for router-level integration tests: builders of our {@link VrrpRouter} inside a test host's
 * namespace, the RFC timer figures tests bound their measurements by, and VIP checks that read the
 * kernel (`ip -j addr`), never the router's own idea of its state.
 *
 * <p>Stateless; any thread may call it.
 */
public final class Routers {
    /** How often timing measurements re-read the kernel. */
    public static final Duration FAST_POLL = Duration.ofMillis(5);
    /** The slack the issue allows on top of a protocol timer, for the kernel and the measurement itself. */
    public static final Duration SLACK = Duration.ofMillis(100);

    private Routers() {
    }

    /**
     * A builder for a router on {@code host}'s {@code eth0}, in its namespace, with no JVM shutdown hook
     * (the test closes it); the caller sets VRID, priority, VIPs, version and the rest.
     */
    public static VrrpRouter.Builder on(Host host) {
        return VrrpRouter.builder().networkNamespace(host.namespace()).interfaceName("eth0").shutdownHook(false);
    }

    /** Skew_Time = ((256 - priority) * interval) / 256. */
    public static Duration skew(int priority, int intervalCentis) {
        return Duration.ofNanos(TimerMath.microsToNanos(TimerMath.skewMicros(priority, intervalCentis)));
    }

    /** Master_Down_Interval = 3 * interval + Skew_Time. */
    public static Duration masterDown(int priority, int intervalCentis) {
        return Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(priority, intervalCentis)));
    }

    /** The address part of a VIP as the builder takes it ("192.0.2.100/24" gives "192.0.2.100"). */
    public static String addressOf(String vip) {
        int slash = vip.indexOf('/');
        return slash < 0 ? vip : vip.substring(0, slash);
    }

    /** Whether the kernel has every one of {@code vips} on {@code host}'s eth0. */
    public static boolean holdsAll(Host host, List<String> vips) {
        List<IpJson.KernelAddress> now = host.addresses("eth0");
        return vips.stream().allMatch(v -> now.stream().anyMatch(a -> IpJson.sameAddress(a.address(), addressOf(v))));
    }

    /** Whether the kernel has none of {@code vips} on {@code host}'s eth0. */
    public static boolean holdsNone(Host host, List<String> vips) {
        List<IpJson.KernelAddress> now = host.addresses("eth0");
        return vips.stream().noneMatch(v -> now.stream().anyMatch(a -> IpJson.sameAddress(a.address(), addressOf(v))));
    }

    /**
     * Measures the time from {@code sinceNanos} until the kernel shows all {@code vips} on {@code host},
     * reading it every {@link #FAST_POLL}.
     */
    public static Duration timeUntilHolds(long sinceNanos, Host host, List<String> vips, Duration timeout) {
        return Poll.elapsedUntil(sinceNanos, timeout, FAST_POLL, host.name() + " to hold " + vips + " in the kernel",
                () -> holdsAll(host, vips));
    }

    /** Milliseconds with a fraction, for messages and reports. */
    public static String millis(Duration d) {
        return String.format("%.1f ms", d.toNanos() / 1e6);
    }
}
