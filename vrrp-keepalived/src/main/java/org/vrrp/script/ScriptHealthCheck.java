package org.vrrp.script;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vrrp.HealthCheck;

/**
 * A {@link HealthCheck} that runs a keepalived {@code vrrp_script} command: healthy if and only if
 * it exits with status 0 within the timeout.
 *
 * <p>The command is split and run as described in {@link ScriptCommand}. A run that exceeds the
 * timeout is killed together with its descendants and counts as a failure; output is discarded by
 * the OS so it can never block; the process is always reaped. A command that cannot be started
 * (missing, not executable) is a failure, logged at WARN.
 *
 * <p>Threading: {@link #check()} blocks the calling thread for up to the timeout (plus a bounded
 * reap wait) and may be called from several threads at once; each call runs its own process. On
 * interruption the process tree is killed and InterruptedException is thrown.
 */
public final class ScriptHealthCheck implements HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptHealthCheck.class);

    private final ScriptCommand command;
    private final Duration timeout;

    /**
     * @param script  the command, keepalived syntax
     * @param timeout how long one run may take; must be positive
     * @throws IllegalArgumentException for a blank or badly quoted script or a non-positive timeout
     */
    public ScriptHealthCheck(String script, Duration timeout) {
        this.command = ScriptCommand.parse(script);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /**
     * The parsed command.
     *
     * @return the parsed command
     */
    public ScriptCommand command() {
        return command;
    }

    /**
     * The time one run may take.
     *
     * @return the time one run may take
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean check() throws InterruptedException {
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(command.argv(), timeout);
        } catch (java.io.IOException e) {
            LOG.warn("health check script {} could not be started: {}", command.text(), e.getMessage());
            return false;
        }
        if (outcome.timedOut()) {
            LOG.warn("health check script {} ran longer than {} ms and was killed", command.text(), timeout.toMillis());
        } else if (!outcome.succeeded()) {
            LOG.debug("health check script {} failed: {}", command.text(), outcome);
        }
        return outcome.succeeded();
    }

    @Override
    public String toString() {
        return "ScriptHealthCheck[" + command.text() + ", timeout " + timeout.toMillis() + " ms]";
    }
}
