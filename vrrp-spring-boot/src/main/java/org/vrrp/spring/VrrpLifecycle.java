package org.vrrp.spring;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.vrrp.InstanceSpec;
import org.vrrp.InstanceStats;
import org.vrrp.RouterStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpRouterConfig;
import org.vrrp.VrrpState;

/**
 * Runs the {@link VrrpRouter} inside the application's life cycle, so that this host claims the VIP
 * only while it can serve, and gives it up before it stops serving.
 *
 * <p><b>Joining.</b> The router starts on {@link ApplicationReadyEvent}: after the web server listens
 * (its {@code WebServerStartStopLifecycle} starts in an earlier phase), after the application's runners,
 * at the moment Spring Boot declares the application ready to accept traffic. A context that is stopped
 * and started again (after it was ready once) joins again in {@link #start()}.
 *
 * <p><b>Leaving.</b> {@link #stop()} runs in phase {@link #PHASE}, above
 * {@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE}: Spring stops higher phases first, so
 * it runs before the web server's graceful shutdown stops accepting connections. It resigns: a master
 * sends a priority-0 advert, so the backup takes over after its skew time (instead of its
 * Master_Down_Interval) and announces the VIP; it waits until it hears the new master (at most four
 * advert intervals) and one advert interval more, so that clients have turned to it, then closes the
 * router. The VIPs stay on the interface meanwhile (see {@link DrainingNetworkProvider}): the requests
 * the web server accepted on them can still be answered while it shuts down gracefully. They are removed
 * when the context is destroyed, after every lifecycle (the web server's included) has stopped, or
 * before the router joins again if the context is started again.
 *
 * <p>The library's own JVM shutdown hook is off (the configuration is built with
 * {@code shutdownHook(false)}): Spring Boot's shutdown hook closes the context on SIGTERM, and this
 * lifecycle orders the close.
 *
 * <p>Thread-safe: the lifecycle methods and the event may arrive on different threads.
 */
public class VrrpLifecycle implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent>, DisposableBean {
    /**
     * 512 above the web server's graceful shutdown ({@code Integer.MAX_VALUE - 1024}), so stopped before it,
     * and below {@link SmartLifecycle#DEFAULT_PHASE}, left to the application's own lifecycles.
     */
    public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

    private static final Logger LOG = LoggerFactory.getLogger(VrrpLifecycle.class);

    private final VrrpRouterConfig config;
    private final DrainingNetworkProvider network;
    private final List<Consumer<VrrpRouter>> onJoin = new CopyOnWriteArrayList<>();
    private boolean running;
    private boolean ready;
    /** Written under the lock; read without it, so that health and metrics never wait for a stop. */
    private volatile VrrpRouter router;

    /**
     * @param config started with {@link VrrpRouter#start(VrrpRouterConfig)}, with its shutdown hook turned
     *               off and its network adapter wrapped in a {@link DrainingNetworkProvider}
     */
    public VrrpLifecycle(VrrpRouterConfig config) {
        this.network = new DrainingNetworkProvider(config.networkProvider());
        VrrpRouterConfig c = config;
        this.config = new VrrpRouterConfig(c.instances(), c.syncGroups(), c.healthChecks(), c.listeners(),
                c.listenerExecutor(), c.networkNamespace(), network, false, c.controlSocket(),
                c.handOverOnClose(), c.realtimePriority());
    }

    /**
     * The configuration the router runs with.
     *
     * @return the configuration the router runs with
     */
    public VrrpRouterConfig config() {
        return config;
    }

    /**
     * The running router, or null before the application is ready and after {@link #stop()}.
     *
     * @return the running router, or null before the application is ready and after {@link #stop()}
     */
    public VrrpRouter router() {
        return router;
    }

    /**
     * Reports the health of a pushed check ({@code vrrp.health-checks.NAME} with no {@code HealthCheck}
     * bean of that name); see {@link VrrpRouter#reportHealth}.
     *
     * @param check the check
     * @param healthy whether the check passed
     * @throws IllegalStateException if the router is not running
     */
    public void reportHealth(String check, boolean healthy) {
        VrrpRouter r = router();
        if (r == null) {
            throw new IllegalStateException("the VRRP router is not running (it starts when the application is ready)");
        }
        r.reportHealth(check, healthy);
    }

    /**
     * Calls {@code action} with each router this lifecycle starts, at once if one runs now.
     *
     * @param action what to call with each router
     */
    public void onJoin(Consumer<VrrpRouter> action) {
        VrrpRouter current;
        synchronized (this) {
            onJoin.add(action);
            current = router;
        }
        if (current != null) {
            action.accept(current);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (ready && router == null) {
            join("context started");
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        synchronized (this) {
            ready = true;
            if (running && router == null) {
                join("application ready");
            }
        }
    }

    private void join(String why) {
        network.release(); // VIPs a previous stop() left for the web server, if the context is started again
        LOG.info("VRRP: joining the election ({}): {}", why, describe(config));
        router = VrrpRouter.start(config);
        onJoin.forEach(a -> a.accept(router));
    }

    /** {@code VI_51 on eth0, VRID 51, priority 150, VIPs [192.0.2.254/24 dev eth0]}, per instance. */
    static String describe(VrrpRouterConfig config) {
        return config.instances().stream().map(InstanceSpec::protocol)
                .map(i -> i.name() + " on " + i.interfaceName() + ", VRID " + i.vrid() + ", priority " + i.priority()
                        + ", VIPs " + i.vips())
                .collect(Collectors.joining("; "));
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (router == null) {
            return;
        }
        network.drain();
        try {
            Map<String, InetAddress> masters = new LinkedHashMap<>();
            for (InstanceStats i : router.stats().instances()) {
                if (i.state() == VrrpState.MASTER) {
                    masters.put(i.name(), i.masterAddress());
                }
            }
            LOG.info("VRRP: resigning before the web server's graceful shutdown (priority-0 advert); the VIPs stay"
                    + " until it has finished its requests");
            router.resign(null);
            if (!masters.isEmpty()) {
                awaitTakeover(router, masters);
            }
        } catch (RuntimeException e) {
            LOG.error("VRRP: resigning failed; closing the router", e);
        } finally {
            router.close();
            router = null;
            LOG.info("VRRP: left the election");
        }
    }

    /** Waits until every instance that was master hears another master, then one advert interval more. */
    private void awaitTakeover(VrrpRouter r, Map<String, InetAddress> masters) {
        int longestIntervalCentis = r.config().instances().stream().mapToInt(i -> i.protocol().advertIntervalCentis())
                .max().orElse(100);
        long start = System.nanoTime();
        long deadline = start + 4L * longestIntervalCentis * 10_000_000L;
        while (true) {
            RouterStats stats = r.stats();
            boolean done = masters.entrySet().stream().allMatch(m -> {
                InstanceStats i = stats.instance(m.getKey());
                return i.masterPriority() > 0 && i.masterAddress() != null && !i.masterAddress().equals(m.getValue());
            });
            long now = System.nanoTime();
            if (done) {
                String by = masters.keySet().stream().map(n -> n + " by " + stats.instance(n).masterAddress()
                        .getHostAddress()).collect(Collectors.joining(", "));
                LOG.info("VRRP: taken over after {} ms ({}); serving what is in flight for one more advert"
                        + " interval", (now - start) / 1_000_000, by);
                sleepMillis(longestIntervalCentis * 10L);
                return;
            }
            if (now > deadline) {
                LOG.warn("VRRP: no other router took over within {} ms; leaving anyway", (now - start) / 1_000_000);
                return;
            }
            sleepMillis(5);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops if running, then removes the VIPs left in place for the web server's graceful shutdown. */
    @Override
    public void destroy() {
        stop();
        network.release();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
