package org.vrrp;

/**
 * A health check run periodically on the router's health-check executor, never on the protocol
 * thread, like keepalived's {@code vrrp_script}. Interval, timeout, fall, rise and weight are given
 * when it is registered with the builder.
 *
 * <p>A check that throws or runs past its timeout counts as a failure. Implementations may block up
 * to the timeout; they should respond to interruption.
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * @return true when healthy
     *
     * @throws Exception if the check could not run; counts as a failure, like false
     */
    boolean check() throws Exception;
}
