package org.vrrp;

import java.time.Duration;
import java.util.Objects;
import org.vrrp.packet.VrrpLimits;

/**
 * A named health check that moves an instance's priority or puts it in FAULT, like keepalived's
 * {@code vrrp_script}.
 *
 * <p>A <em>polled</em> check runs {@link HealthCheck#check()} every {@code interval} on the router's
 * health-check executor, with {@code timeout}; it turns failing after {@code fall} failures in a row
 * and healthy after {@code rise} successes. A <em>pushed</em> check has no code: the application calls
 * {@link VrrpRouter#reportHealth(String, boolean)}, which acts at once.
 *
 * <p>A polled check starts not yet known, as keepalived's {@code vrrp_script}: it runs at once and its
 * first result counts whatever {@code fall} or {@code rise} is; until then a positive weight is not
 * added, a negative one not subtracted, and a weight-0 check holds its instances in FAULT (so a check
 * that fails from the start never lets its instance win and then drop the VIP). A pushed check starts
 * healthy: the application reports a failure when it sees one.
 *
 * <p>Weight (as keepalived): positive, added to the priority while healthy; negative, subtracted while
 * failing; 0, FAULT while failing. The result is clamped to 1..254; an owner (255) is never weighted.
 *
 * <p>Immutable; the {@code with...} methods return copies.
 */
public final class HealthCheckSpec {
    private final String name;
    private final HealthCheck check;
    private final Duration interval;
    private final Duration timeout;
    private final int fall;
    private final int rise;
    private final int weight;

    private HealthCheckSpec(String name, HealthCheck check, Duration interval, Duration timeout, int fall, int rise,
                            int weight) {
        this.name = name;
        this.check = check;
        this.interval = interval;
        this.timeout = timeout;
        this.fall = fall;
        this.rise = rise;
        this.weight = weight;
    }

    /**
     * A check run every second with a 1 s timeout, fall 1, rise 1, weight 0 (FAULT while failing).
     *
     * @param name the name
     * @param check the check
     * @return a check run every second with a 1 s timeout, fall 1, rise 1, weight 0 (FAULT while failing)
     */
    public static HealthCheckSpec polled(String name, HealthCheck check) {
        return new HealthCheckSpec(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1, 0);
    }

    /**
     * A check whose results the application pushes with {@link VrrpRouter#reportHealth}; weight 0.
     *
     * @param name the check's name
     * @return a check whose results the application pushes with {@link VrrpRouter#reportHealth}; weight 0
     */
    public static HealthCheckSpec pushed(String name) {
        return new HealthCheckSpec(Objects.requireNonNull(name, "name"), null, null, null, 1, 1, 0);
    }

    /**
     * @param newInterval the period between runs
     * @return a copy with {@code newInterval}
     */
    public HealthCheckSpec withInterval(Duration newInterval) {
        return new HealthCheckSpec(name, check, newInterval, timeout, fall, rise, weight);
    }

    /**
     * @param newTimeout how long one run may take
     * @return a copy with {@code newTimeout}
     */
    public HealthCheckSpec withTimeout(Duration newTimeout) {
        return new HealthCheckSpec(name, check, interval, newTimeout, fall, rise, weight);
    }

    /**
     * @param newFall failures in a row before the check counts as failing
     * @return a copy with {@code newFall}
     */
    public HealthCheckSpec withFall(int newFall) {
        return new HealthCheckSpec(name, check, interval, timeout, newFall, rise, weight);
    }

    /**
     * @param newRise successes in a row before it counts as healthy again
     * @return a copy with {@code newRise}
     */
    public HealthCheckSpec withRise(int newRise) {
        return new HealthCheckSpec(name, check, interval, timeout, fall, newRise, weight);
    }

    /**
     * @param newWeight what the check adds or subtracts; 0 means FAULT while failing
     * @return a copy with {@code newWeight}
     */
    public HealthCheckSpec withWeight(int newWeight) {
        return new HealthCheckSpec(name, check, interval, timeout, fall, rise, newWeight);
    }

    /** @return the check's name, unique within a router */
    public String name() {
        return name;
    }

    /**
     * The code to run, or null for a pushed check.
     *
     * @return the code to run, or null for a pushed check
     */
    public HealthCheck check() {
        return check;
    }

    /**
     * Whether the application pushes this check's results (no code to run).
     *
     * @return whether this is a pushed check
     */
    public boolean isPushed() {
        return check == null;
    }

    /**
     * Period of a polled check; null for a pushed one.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    /**
     * Timeout of a polled check; null for a pushed one.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /** @return failures in a row before the check counts as failing */
    public int fall() {
        return fall;
    }

    /** @return successes in a row before the check counts as healthy again */
    public int rise() {
        return rise;
    }

    /** @return what the check adds (while healthy) or subtracts (while failing); 0 means FAULT while failing */
    public int weight() {
        return weight;
    }

    /** Checks the ranges; messages name the check, the field, the value and the allowed range. */
    void validate() {
        String where = "healthCheck \"" + name + "\": ";
        if (name.isBlank()) {
            throw new IllegalArgumentException("healthCheck name must not be blank");
        }
        if (fall < 1 || fall > 255) {
            throw new IllegalArgumentException(where + "fall must be in 1..255, got " + fall);
        }
        if (rise < 1 || rise > 255) {
            throw new IllegalArgumentException(where + "rise must be in 1..255, got " + rise);
        }
        if (weight < -VrrpLimits.MAX_WEIGHT || weight > VrrpLimits.MAX_WEIGHT) {
            throw new IllegalArgumentException(where + "weight must be in " + -VrrpLimits.MAX_WEIGHT + ".."
                    + VrrpLimits.MAX_WEIGHT + ", got " + weight);
        }
        if (!isPushed()) {
            if (interval == null || interval.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException(where + "interval must be at least 10 ms, got " + interval);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(where + "timeout must be positive, got " + timeout);
            }
        }
    }

    @Override
    public String toString() {
        return "HealthCheckSpec(" + name + (isPushed() ? ", pushed" : ", every " + interval + ", timeout " + timeout)
                + ", fall " + fall + ", rise " + rise + ", weight " + weight + ")";
    }
}
