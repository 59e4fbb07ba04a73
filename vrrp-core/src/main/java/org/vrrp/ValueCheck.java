package org.vrrp;

/**
 * A tracked value read periodically on the router's health-check executor, like keepalived's {@code track_file}:
 * the value times the tracking weight moves the priority. See {@link HealthCheckSpec#polledValue}.
 *
 * <p>A read that throws or runs past its timeout is ignored: the value stays what it was (keepalived ignores a
 * file that does not hold a number).
 */
@FunctionalInterface
public interface ValueCheck {
    /**
     * Reads the value.
     *
     * @return the value now
     * @throws Exception when it cannot be read; the value then stays as it was
     */
    long value() throws Exception;
}
