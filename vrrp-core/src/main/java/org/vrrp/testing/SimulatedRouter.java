package org.vrrp.testing;

import java.io.IOException;
import java.util.List;
import org.vrrp.HealthCheckSpec;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;
import org.vrrp.runtime.ListenerDispatcher;
import org.vrrp.runtime.RouterEngine;
import org.vrrp.spi.NetworkStack;

/**
 * A router running on a {@link SimulatedLan}: the production engine on virtual time, with the
 * controls of {@link org.vrrp.VrrpRouter}. Polled health checks run on the simulation's thread at
 * once and then at their virtual interval (their timeout is not enforced). Not thread-safe.
 */
public final class SimulatedRouter implements AutoCloseable {
    private final SimulatedLan lan;
    private final SimulatedHost host;
    private VrrpRouterConfig config;
    private final NetworkStack stack;
    private final RouterEngine engine;
    private boolean closed;

    SimulatedRouter(SimulatedLan lan, SimulatedHost host, VrrpRouterConfig config) {
        this.lan = lan;
        this.host = host;
        this.config = config;
        this.stack = host.stack();
        this.engine = new RouterEngine(config, stack, lan.ticker(), task -> lan.schedule(0, task), change -> {
            lan.recordTransition(change);
            List<org.vrrp.VrrpListener> listeners = this.config.listeners();
            lan.schedule(0, () -> ListenerDispatcher.deliver(listeners, change));
        }, lan::wallClock);
    }

    void start() {
        try {
            engine.start();
        } catch (IOException e) {
            engine.shutdown();
            stack.close();
            throw new IllegalStateException("simulated router on " + host.name() + " did not start: " + e.getMessage(), e);
        }
        for (HealthCheckSpec spec : config.healthChecks().values()) {
            if (!spec.isPushed()) {
                schedulePoll(spec, 0); // at once, as the real scheduler
            }
        }
    }

    private void schedulePoll(HealthCheckSpec spec, long delayNanos) {
        lan.schedule(delayNanos, () -> {
            if (closed) {
                return;
            }
            boolean ok;
            try {
                ok = spec.check().check();
            } catch (Exception e) {
                ok = false;
            }
            engine.onHealthResult(spec.name(), ok, false);
            schedulePoll(spec, spec.interval().toNanos());
        });
    }

    public SimulatedHost host() {
        return host;
    }

    public VrrpRouterConfig config() {
        return config;
    }

    public List<String> instanceNames() {
        return engine.instanceNames();
    }

    /** State of the first instance. */
    public VrrpState state() {
        return engine.state(config.instances().get(0).name());
    }

    public VrrpState state(String instanceName) {
        return engine.state(instanceName);
    }

    public RouterStats stats() {
        return engine.stats();
    }

    /** As {@link org.vrrp.VrrpRouter#setPriority(int)}. */
    public void setPriority(int priority) {
        engine.setPriority(null, priority);
    }

    public void setPriority(String instanceName, int priority) {
        engine.setPriority(instanceName, priority);
    }

    /** As {@link org.vrrp.VrrpRouter#reload}; polled health checks keep their schedule. */
    public void reload(org.vrrp.VrrpRouter.Builder builder) {
        VrrpRouterConfig next = builder.build();
        try {
            engine.reconfigure(next);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        config = next;
    }

    /** As {@link org.vrrp.VrrpRouter#resign}. */
    public void resign(String instanceName) {
        engine.resign(instanceName);
    }

    /** As {@link org.vrrp.VrrpRouter#reportHealth}. */
    public void reportHealth(String check, boolean healthy) {
        engine.onHealthResult(check, healthy, true);
    }

    /** Graceful stop: priority 0 from masters, VIPs removed. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.shutdown();
        stack.close();
    }

    /** A crash (kill -9): no priority 0, VIPs stay on the host, the router just stops. */
    public void crash() {
        closed = true;
        stack.close();
    }

    public boolean isClosed() {
        return closed;
    }

    long nextDeadlineNanos() {
        return closed ? Long.MAX_VALUE : engine.nextDeadlineNanos();
    }

    void onTimeout(long nowNanos) {
        engine.onTimeout(nowNanos);
    }
}
