package org.vrrp.config.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * A user (and optional group) keepalived would run a script as ({@code script_user}, {@code user}).
 * Recorded for migration reports only: the library runs scripts as the JVM's own user. Immutable and
 * thread-safe.
 *
 * @param user  user name
 * @param group group name, if given (a leading ':' of keepalived's syntax removed)
 */
public record ScriptUser(String user, Optional<String> group) {
    /**
     * Checks that the components are present.
     *
     * @param user user name
     * @param group group name, if given (a leading ':' of keepalived's syntax removed)
     */
    public ScriptUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }
}
