package org.vrrp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.vrrp.spi.NetworkProvider;

/**
 * The validated, immutable configuration of a router: its instances, sync groups and health checks.
 * Made by {@link VrrpRouter.Builder#build()}; started by {@link VrrpRouter#start(VrrpRouterConfig)}.
 *
 * @param instances         instances in declaration order
 * @param syncGroups        sync group name to its member instance names
 * @param healthChecks      health checks by name
 * @param listeners         told of every transition, in order
 * @param listenerExecutor  where listeners run; null for the router's own single thread
 * @param networkNamespace  network namespace under /var/run/netns, or null for the JVM's own
 * @param networkProvider   the OS adapter; null to find one with ServiceLoader
 * @param shutdownHook      whether a JVM shutdown hook closes the router (priority 0, VIPs removed)
 * @param controlSocket     the Unix socket {@code vrrp status} and friends talk to, or null for none
 * @param handOverOnClose   whether {@link VrrpRouter#close()} keeps a master's VIPs until a backup has taken over
 * @param realtimePriority  the SCHED_RR priority (1..99) of the protocol thread, or 0 for normal scheduling; see
 *                          {@link VrrpRouter.Builder#realtimePriority(int)}
 */
public record VrrpRouterConfig(List<InstanceSpec> instances, Map<String, List<String>> syncGroups,
                               Map<String, HealthCheckSpec> healthChecks, List<VrrpListener> listeners,
                               Executor listenerExecutor, String networkNamespace, NetworkProvider networkProvider,
                               boolean shutdownHook, Path controlSocket, boolean handOverOnClose,
                               int realtimePriority) {
    /**
     * Copies the lists, so the configuration is immutable.
     *
     * @param instances instances in declaration order
     * @param syncGroups sync group name to its member instance names
     * @param healthChecks health checks by name
     * @param listeners told of every transition, in order
     * @param listenerExecutor where listeners run; null for the router's own single thread
     * @param networkNamespace network namespace under /var/run/netns, or null for the JVM's own
     * @param networkProvider the OS adapter; null to find one with ServiceLoader
     * @param shutdownHook whether a JVM shutdown hook closes the router (priority 0, VIPs removed)
     * @param controlSocket the Unix socket {@code vrrp status} and friends talk to, or null for none
     * @param handOverOnClose whether {@link VrrpRouter#close()} keeps a master's VIPs until a backup has taken over
     * @param realtimePriority the SCHED_RR priority (1..99) of the protocol thread, or 0 for normal scheduling
     * @throws IllegalArgumentException if {@code realtimePriority} is outside 0..99
     */
    public VrrpRouterConfig {
        RealtimePriority.check(realtimePriority);
        instances = List.copyOf(instances);
        syncGroups = Map.copyOf(syncGroups);
        healthChecks = Map.copyOf(healthChecks);
        listeners = List.copyOf(listeners);
    }

    /**
     * A builder holding this configuration, to change a field and {@link VrrpRouter.Builder#build() build} a new
     * one (for {@link VrrpRouter#reload}); this config is not changed. Building it unchanged gives an equal config.
     *
     * @return a builder holding a copy of this configuration
     */
    public VrrpRouter.Builder toBuilder() {
        return VrrpRouter.Builder.from(this);
    }

    /**
     * The instance of this name, or null.
     *
     * @param name the instance's name
     * @return the instance of this name, or null
     */
    public InstanceSpec instance(String name) {
        for (InstanceSpec i : instances) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
