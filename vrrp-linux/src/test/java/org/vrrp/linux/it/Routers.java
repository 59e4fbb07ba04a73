package org.vrrp.linux.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.vrrp.VrrpRouter;
import org.vrrp.protocol.TimerMath;
import org.vrrp.testing.TestRouters;

/**
 * Helpers for router-level integration tests: the one builder of our {@link VrrpRouter} inside a test
 * host's namespace, the RFC timer figures tests bound their measurements by, and VIP checks that read the
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
     * (the test closes it), for VRID {@code vrid} at {@code priority} holding {@code vips}: the tests' one
     * router builder ({@code TestRouters}, vrrp-testing) put in the namespace. The caller adds the version,
     * advertisement interval and the rest.
     */
    public static VrrpRouter.Builder on(Host host, int vrid, int priority, List<String> vips) {
        return TestRouters.router(vrid, priority, vips).networkNamespace(host.namespace()).shutdownHook(false);
    }

    /** Skew_Time: v2 (256 - priority) / 256 s, v3 ((256 - priority) * interval) / 256. */
    public static Duration skew(int version, int priority, int intervalCentis) {
        return Duration.ofNanos(TimerMath.microsToNanos(TimerMath.skewMicros(version, priority, intervalCentis)));
    }

    /** Master_Down_Interval = 3 * interval + Skew_Time. */
    public static Duration masterDown(int version, int priority, int intervalCentis) {
        return Duration.ofNanos(TimerMath.microsToNanos(TimerMath.masterDownMicros(version, priority, intervalCentis)));
    }

    /** The address part of a VIP as the builder takes it ("192.0.2.100/24" gives "192.0.2.100"). */
    public static String addressOf(String vip) {
        int slash = vip.indexOf('/');
        return slash < 0 ? vip : vip.substring(0, slash);
    }

    /**
     * Whether the kernel has every one of {@code vips} on {@code ifname} of {@code host}; false while there is no
     * such interface (a virtual MAC interface not yet created).
     */
    public static boolean holdsOn(Host host, String ifname, List<String> vips) {
        Command.Result r = host.execUnchecked(Command.DEFAULT_TIMEOUT, "ip", "-j", "addr", "show", "dev", ifname);
        if (r.exitCode() != 0) {
            return false;
        }
        List<IpJson.KernelAddress> now = IpJson.addresses(r.stdout());
        return vips.stream().allMatch(v -> now.stream().anyMatch(a -> IpJson.sameAddress(a.address(), addressOf(v))));
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
     * Fires {@code event} and measures the time from just before it until the kernel shows all {@code vips}
     * on {@code host}, reading it every {@link #FAST_POLL} on a thread of its own, so an event that blocks
     * (a close() that also stops threads, a stop that waits for a process to exit) does not inflate the
     * figure.
     */
    public static Duration timeUntilHolds(Host host, List<String> vips, Duration timeout, Runnable event) {
        return timeUntil(host.name() + " to hold " + vips + " in the kernel", () -> holdsAll(host, vips), timeout,
                event);
    }

    /** As {@link #timeUntilHolds}, for any condition read from the kernel (e.g. VIPs on another device). */
    public static Duration timeUntil(String what, java.util.function.Supplier<Boolean> condition, Duration timeout,
                                     Runnable event) {
        long t0 = System.nanoTime();
        CompletableFuture<Duration> measured = new CompletableFuture<>();
        Thread poller = new Thread(() -> {
            try {
                measured.complete(Poll.elapsedUntil(t0, timeout, FAST_POLL, what, condition));
            } catch (Throwable e) {
                measured.completeExceptionally(e);
            }
        }, "vit-measure");
        poller.start();
        event.run();
        try {
            return measured.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * {@link #timeUntilHolds}, then prints the figure as a {@code MEASURED} line (the test report keeps it)
     * and fails if it exceeds {@code bound}.
     *
     * @param what the event and the takeover, for the report, e.g. "V2_IPV4 close -> backup holds the VIP"
     */
    public static Duration assertTakeoverWithin(String what, Duration bound, Host host, List<String> vips,
                                                Duration timeout, Runnable event) {
        Duration took = timeUntilHolds(host, vips, timeout, event);
        System.out.printf("MEASURED %s: %s (bound %s)%n", what, millis(took), millis(bound));
        if (took.compareTo(bound) > 0) {
            throw new AssertionError(what + " took " + millis(took) + ", more than the bound " + millis(bound));
        }
        return took;
    }

    /** Milliseconds with a fraction, for messages and reports. */
    public static String millis(Duration d) {
        return String.format("%.1f ms", d.toNanos() / 1e6);
    }
}
