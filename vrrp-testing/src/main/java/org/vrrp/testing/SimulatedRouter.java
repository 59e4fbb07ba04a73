package org.vrrp.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.vrrp.HealthCheckSpec;
import org.vrrp.RouterStats;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;
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
    /** How often a hand-over on close is looked at: as often as the real driver looks. */
    private static final long HAND_OVER_POLL_NANOS = 1_000_000;

    private final SimulatedLan lan;
    private final SimulatedHost host;
    private VrrpRouterConfig config;
    private final NetworkStack stack;
    private final RouterEngine engine;
    private final ListenerDispatcher dispatcher;
    private boolean closed;
    /** close() has begun a hand-over that has not ended yet. */
    private boolean handingOver;

    SimulatedRouter(SimulatedLan lan, SimulatedHost host, VrrpRouterConfig config) {
        this.lan = lan;
        this.host = host;
        this.config = config;
        this.stack = host.stack();
        // The production dispatcher, with the simulation's event queue as its executor: the same order and
        // the same add/remove rules as VrrpRouter, on the simulation's thread and virtual time.
        this.dispatcher = new ListenerDispatcher(config.listeners(), task -> lan.schedule(0, task), null);
        this.engine = new RouterEngine(config, stack, lan.ticker(), task -> lan.schedule(0, task),
                new RouterEngine.TransitionSink() {
                    @Override
                    public void onTransition(org.vrrp.StateChange change) {
                        lan.recordTransition(change);
                        dispatcher.onTransition(change);
                    }

                    @Override
                    public void onLowerPriority(org.vrrp.LowerPriorityAdvert advert) {
                        dispatcher.onLowerPriority(advert);
                    }
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
            if (spec.isValued()) {
                try {
                    engine.onValueResult(spec.name(), spec.valueCheck().value());
                } catch (Exception e) {
                    // as the real scheduler: a failed read leaves the value as it was
                }
                schedulePoll(spec, spec.interval().toNanos());
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

    /** @return the host this router runs on */
    public SimulatedHost host() {
        return host;
    }

    /** @return the configuration the router runs with */
    public VrrpRouterConfig config() {
        return config;
    }

    /** @return the names of the router's instances, in configuration order */
    public List<String> instanceNames() {
        return engine.instanceNames();
    }

    /**
     * State of the first instance.
     *
     * @return the instance's current state
     */
    public VrrpState state() {
        return engine.state(config.instances().get(0).name());
    }

    /**
     * @param instanceName the instance
     * @return the instance's current state
     */
    public VrrpState state(String instanceName) {
        return engine.state(instanceName);
    }

    /** @return a snapshot of the router's stats */
    public RouterStats stats() {
        return engine.stats();
    }

    /**
     * As {@link org.vrrp.VrrpRouter#addListener}: it sees the transitions from now on, in order.
     *
     * @param listener the listener
     */
    public void addListener(VrrpListener listener) {
        dispatcher.addListener(listener);
    }

    /**
     * As {@link org.vrrp.VrrpRouter#removeListener}.
     *
     * @param listener the listener
     * @return whether the listener was registered
     */
    public boolean removeListener(VrrpListener listener) {
        return dispatcher.removeListener(listener);
    }

    /**
     * As {@link org.vrrp.VrrpRouter#onState(String, VrrpState)}: completes on the simulation's thread, at the
     * virtual time the listeners are told, so {@code lan.runUntil(stage.toCompletableFuture()::isDone, max)}
     * waits for it.
     *
     * @param instanceName the instance name
     * @param state the state
     * @return a stage completed with the transition into {@code state}
     */
    public CompletionStage<StateChange> onState(String instanceName, VrrpState state) {
        engine.state(instanceName); // names the instances when there is none of this name
        return dispatcher.onState(instanceName, state);
    }

    /**
     * {@link #onState(String, VrrpState)} for the first instance.
     *
     * @param state the state
     * @return a stage completed with the transition into {@code state}
     */
    public CompletionStage<StateChange> onState(VrrpState state) {
        return onState(config.instances().get(0).name(), state);
    }

    /**
     * As {@link org.vrrp.VrrpRouter#setPriority(int)}.
     *
     * @param priority the priority
     */
    public void setPriority(int priority) {
        engine.setPriority(null, priority);
    }

    /**
     * As {@link org.vrrp.VrrpRouter#setPriority(String, int)}.
     *
     * @param instanceName the instance
     * @param priority the new configured priority, 1..254
     */
    public void setPriority(String instanceName, int priority) {
        engine.setPriority(instanceName, priority);
    }

    /**
     * As {@link org.vrrp.VrrpRouter#reload}; polled health checks keep their schedule.
     *
     * @param builder the builder
     */
    public void reload(org.vrrp.VrrpRouter.Builder builder) {
        VrrpRouterConfig next = builder.build();
        try {
            engine.reconfigure(next);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        dispatcher.setListeners(next.listeners());
        config = next;
    }

    /**
     * As {@link org.vrrp.VrrpRouter#resign}.
     *
     * @param instanceName the instance name
     */
    public void resign(String instanceName) {
        engine.resign(instanceName);
    }

    /**
     * As {@link org.vrrp.VrrpRouter#reportHealth}.
     *
     * @param check the check
     * @param healthy whether the check passed
     */
    public void reportHealth(String check, boolean healthy) {
        engine.onHealthResult(check, healthy, true);
    }

    /**
     * Graceful stop: priority 0 from masters, VIPs removed. Idempotent. With
     * {@link org.vrrp.VrrpRouter.Builder#handOverOnClose(boolean)} the stop is begun here and ends as the LAN
     * advances, when the masters have handed over (as {@code VrrpRouter.close()} blocks until then):
     * {@link #isClosed()} says when.
     */
    @Override
    public void close() {
        if (closed || handingOver) {
            return;
        }
        if (config.handOverOnClose() && engine.beginHandOver() > 0) {
            handingOver = true;
            awaitHandOver();
            return;
        }
        finishClose();
    }

    /** Looks every virtual millisecond, as the real driver does, whether the masters have let go. */
    private void awaitHandOver() {
        lan.schedule(HAND_OVER_POLL_NANOS, () -> {
            if (closed) {
                return;
            }
            if (engine.isHandingOver()) {
                awaitHandOver();
            } else {
                finishClose();
            }
        });
    }

    private void finishClose() {
        closed = true;
        handingOver = false;
        engine.shutdown();
        stack.close();
        dispatcher.close(Duration.ZERO); // the last callbacks are events of the LAN: they run as it advances
    }

    /** A crash (kill -9): no priority 0, VIPs stay on the host, the router just stops. */
    public void crash() {
        closed = true;
        stack.close();
    }

    /** @return whether the router has been closed */
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
