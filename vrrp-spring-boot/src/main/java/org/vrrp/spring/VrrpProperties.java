package org.vrrp.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * {@code vrrp.*} in application.yml: everything {@link org.vrrp.VrrpRouter.Builder} takes.
 *
 * <pre>
 * vrrp:
 *   interface: eth0
 *   virtual-router-id: 51
 *   priority: 150
 *   vips: 192.0.2.254/24
 * </pre>
 *
 * <p>The instance settings at the top level describe the single instance; with {@code vrrp.instances}
 * they are the defaults of every named instance instead (as in the builder). Checked once, when the
 * context starts: a bad value stops the application with a message naming the property.
 */
@ConfigurationProperties("vrrp")
public class VrrpProperties extends InstanceProperties {
    /** Set to false to leave VRRP out of this application entirely. */
    private boolean enabled = true;
    /** Named instances (keepalived's vrrp_instance NAME); unset values come from the vrrp.* settings. */
    private Map<String, InstanceProperties> instances = new LinkedHashMap<>();
    /** Sync groups (keepalived's vrrp_sync_group): name to the instances that change state together. */
    private Map<String, List<String>> syncGroups = new LinkedHashMap<>();
    /** Health checks by name: a bean of type org.vrrp.HealthCheck with that name is polled; without one, the application pushes results. */
    private Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
    /** Network namespace (a name under /var/run/netns) for the router's sockets and addresses; default: the JVM's own. */
    private String networkNamespace;
    /** Unix socket serving `vrrp status`, `set-priority` and `resign`; default: none. */
    private Path controlSocket;

    /** @return set to false to leave VRRP out of this application entirely */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled set to false to leave VRRP out of this application entirely */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return named instances (keepalived's vrrp_instance NAME); unset values come from the vrrp.* settings */
    public Map<String, InstanceProperties> getInstances() {
        return instances;
    }

    /** @param instances named instances (keepalived's vrrp_instance NAME); unset values come from the vrrp.* settings */
    public void setInstances(Map<String, InstanceProperties> instances) {
        this.instances = instances;
    }

    /** @return sync groups (keepalived's vrrp_sync_group): name to the instances that change state together */
    public Map<String, List<String>> getSyncGroups() {
        return syncGroups;
    }

    /** @param syncGroups sync groups (keepalived's vrrp_sync_group): name to the instances that change state together */
    public void setSyncGroups(Map<String, List<String>> syncGroups) {
        this.syncGroups = syncGroups;
    }

    /** @return health checks by name: a bean of type org.vrrp.HealthCheck with that name is polled; without one, the application pushes results */
    public Map<String, HealthCheck> getHealthChecks() {
        return healthChecks;
    }

    /** @param healthChecks health checks by name: a bean of type org.vrrp.HealthCheck with that name is polled; without one, the application pushes results */
    public void setHealthChecks(Map<String, HealthCheck> healthChecks) {
        this.healthChecks = healthChecks;
    }

    /** @return network namespace (a name under /var/run/netns) for the router's sockets and addresses; default: the JVM's own */
    public String getNetworkNamespace() {
        return networkNamespace;
    }

    /** @param networkNamespace network namespace (a name under /var/run/netns) for the router's sockets and addresses; default: the JVM's own */
    public void setNetworkNamespace(String networkNamespace) {
        this.networkNamespace = networkNamespace;
    }

    /** @return unix socket serving `vrrp status`, `set-priority` and `resign`; default: none */
    public Path getControlSocket() {
        return controlSocket;
    }

    /** @param controlSocket unix socket serving `vrrp status`, `set-priority` and `resign`; default: none */
    public void setControlSocket(Path controlSocket) {
        this.controlSocket = controlSocket;
    }

    /**
     * One health check ({@link org.vrrp.HealthCheckSpec}). Polled when a bean of type
     * {@link org.vrrp.HealthCheck} has the check's name; pushed (the application calls
     * {@code VrrpLifecycle.reportHealth}) otherwise, and then interval and timeout do not apply.
     */
    public static class HealthCheck {
        /** Period of a polled check. Default 1s. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration interval;
        /** Timeout of a polled check. Default 1s. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration timeout;
        /** Failures in a row before the check counts as failing, 1..255. Default 1. */
        private Integer fall;
        /** Successes in a row before it counts as healthy again, 1..255. Default 1. */
        private Integer rise;
        /** -253..253: positive adds while healthy, negative subtracts while failing, 0 (default) means FAULT while failing. */
        private Integer weight;

        /** @return period of a polled check */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval period of a polled check */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return timeout of a polled check */
        public Duration getTimeout() {
            return timeout;
        }

        /** @param timeout timeout of a polled check */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** @return failures in a row before the check counts as failing, 1..255 */
        public Integer getFall() {
            return fall;
        }

        /** @param fall failures in a row before the check counts as failing, 1..255 */
        public void setFall(Integer fall) {
            this.fall = fall;
        }

        /** @return successes in a row before it counts as healthy again, 1..255 */
        public Integer getRise() {
            return rise;
        }

        /** @param rise successes in a row before it counts as healthy again, 1..255 */
        public void setRise(Integer rise) {
            this.rise = rise;
        }

        /** @return -253..253: positive adds while healthy, negative subtracts while failing, 0 (default) means FAULT while failing */
        public Integer getWeight() {
            return weight;
        }

        /** @param weight -253..253: positive adds while healthy, negative subtracts while failing, 0 (default) means FAULT while failing */
        public void setWeight(Integer weight) {
            this.weight = weight;
        }
    }
}
