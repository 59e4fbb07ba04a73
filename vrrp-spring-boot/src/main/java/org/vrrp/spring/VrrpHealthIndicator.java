package org.vrrp.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.vrrp.InstanceConfig;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * {@code /actuator/health} component {@code vrrp}: per instance its state, effective and configured
 * priority, the master's address and priority, VRID, interface and VIPs (flat with one instance, under
 * {@code instances} with several).
 *
 * <p>Status: UP while every instance is MASTER or BACKUP (a backup is a healthy member of the group);
 * DOWN when any instance is in FAULT (a tracked link or a weight-0 health check failed: it cannot take
 * over); OUT_OF_SERVICE while the router is not running (before the application is ready, after it
 * left the election on shutdown).
 */
public class VrrpHealthIndicator extends AbstractHealthIndicator {
    private final VrrpLifecycle lifecycle;

    /** @param lifecycle the life cycle whose router is reported on */
    public VrrpHealthIndicator(VrrpLifecycle lifecycle) {
        super("VRRP health check failed");
        this.lifecycle = lifecycle;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        VrrpRouter router = lifecycle.router();
        if (router == null) {
            builder.outOfService().withDetail("state", "not in the election (it joins when the application is"
                    + " ready and leaves on shutdown)");
            return;
        }
        RouterStats stats = router.stats();
        Status status = Status.UP;
        Map<String, Object> instances = new LinkedHashMap<>();
        for (InstanceStats i : stats.instances()) {
            if (i.state() == VrrpState.FAULT) {
                status = Status.DOWN;
            }
            instances.put(i.name(), details(i, router));
        }
        builder.status(status);
        if (instances.size() == 1) {
            builder.withDetails(details(stats.instances().get(0), router));
        } else {
            builder.withDetail("instances", instances);
        }
    }

    private static Map<String, Object> details(InstanceStats i, VrrpRouter router) {
        Map<String, Object> d = new LinkedHashMap<>();
        InstanceConfig c = router.config().instances().stream().filter(s -> s.name().equals(i.name())).findFirst()
                .orElseThrow().protocol();
        d.put("instance", i.name());
        d.put("state", i.state().name());
        d.put("priority", i.effectivePriority());
        d.put("configuredPriority", i.configuredPriority());
        d.put("masterAddress", i.masterAddress() == null ? null : i.masterAddress().getHostAddress());
        d.put("masterPriority", i.masterPriority());
        d.put("virtualRouterId", c.vrid());
        d.put("interface", c.interfaceName());
        d.put("vips", c.vips().stream().map(Object::toString).toList());
        d.put("timeInState", i.timeInState().toString());
        return d;
    }
}
