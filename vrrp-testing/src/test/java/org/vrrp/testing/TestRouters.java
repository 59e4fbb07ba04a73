package org.vrrp.testing;

import java.util.List;
import org.vrrp.VrrpRouter;

/**
 * The one router builder of the tests: a {@link VrrpRouter.Builder} on {@code eth0} with its VRID,
 * priority and VIPs set, to which a test adds the version, interval and the rest. The scenario tests on
 * the simulated LAN start it on a {@link SimulatedLan} host; the integration tests' {@code Routers.on}
 * (vrrp-linux) puts it in a test host's network namespace. Shared through this module's test-jar.
 *
 * <p>Stateless; any thread may call it.
 */
public final class TestRouters {
    /** The VRID of the scenario tests that elect among one pair of routers. */
    public static final int VRID = 51;

    private TestRouters() {
    }

    /** A router on eth0 for VRID {@code vrid} at {@code priority}, holding {@code vips} as master. */
    public static VrrpRouter.Builder router(int vrid, int priority, List<String> vips) {
        VrrpRouter.Builder builder = VrrpRouter.builder().interfaceName("eth0").virtualRouterId(vrid).priority(priority);
        vips.forEach(builder::vip);
        return builder;
    }

    /** {@link #router(int, int, List)} for {@link #VRID}. */
    public static VrrpRouter.Builder router(int priority, String... vips) {
        return router(VRID, priority, List.of(vips));
    }
}
