package org.vrrp.config.keepalived;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.vrrp.script.ScriptHealthCheck;

/**
 * A {@code vrrp_script} block: a command run periodically whose exit status tracks health.
 * Immutable and thread-safe.
 *
 * @param name           the block's name, referenced by {@code track_script}
 * @param script         the command (keepalived syntax; see {@link org.vrrp.script.ScriptCommand})
 * @param intervalMillis {@code interval}: time between runs (default 1 s; keepalived's resolution is 1 ms)
 * @param timeoutMillis  {@code timeout}: a run lasting longer fails and is killed (default: the interval)
 * @param fall           {@code fall}: consecutive failures before the check is down (default 1)
 * @param rise           {@code rise}: consecutive successes before it is up again (default 1)
 * @param weight         {@code weight}: -253..253, default 0 (0 = FAULT on failure); tracking entries may override it
 * @param weightReverse  {@code weight N reverse}
 * @param initFail       {@code init_fail}: the check starts in the failed state
 * @param user           {@code user}; recorded, the library runs scripts as the JVM's user
 * @param location       where the block starts
 */
public record VrrpScriptDef(String name, String script, int intervalMillis, int timeoutMillis, int fall, int rise,
                            int weight, boolean weightReverse, boolean initFail, Optional<ScriptUser> user,
                            SourceLocation location) {
    /**
     * Checks that the components are present.
     *
     * @param name the block's name, referenced by {@code track_script}
     * @param script the command (keepalived syntax; see {@link org.vrrp.script.ScriptCommand})
     * @param intervalMillis {@code interval}: time between runs (default 1 s; keepalived's resolution is 1 ms)
     * @param timeoutMillis {@code timeout}: a run lasting longer fails and is killed (default: the interval)
     * @param fall {@code fall}: consecutive failures before the check is down (default 1)
     * @param rise {@code rise}: consecutive successes before it is up again (default 1)
     * @param weight {@code weight}: -253..253, default 0 (0 = FAULT on failure); tracking entries may override it
     * @param weightReverse {@code weight N reverse}
     * @param initFail {@code init_fail}: the check starts in the failed state
     * @param user {@code user}; recorded, the library runs scripts as the JVM's user
     * @param location where the block starts
     */
    public VrrpScriptDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(location, "location");
    }

    /**
     * A health check running {@link #script()} with {@link #timeoutMillis()}; interval, fall, rise and weight are the caller's to apply.
     *
     * @return a health check running {@link #script()} with {@link #timeoutMillis()}; interval, fall, rise and weight are the caller's to apply
     */
    public ScriptHealthCheck healthCheck() {
        return new ScriptHealthCheck(script, Duration.ofMillis(timeoutMillis));
    }
}
