package org.vrrp.linux.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test class that needs root (network namespaces, raw sockets) and the `ip`
 * tool, plus any {@link #tools()} it names. Without them the tests are skipped (disabled, with a message
 * saying what is missing), unless the system property {@code vrrp.it.required} is {@code "true"} (CI sets
 * it), in which case they fail with that message: a CI run can never pass by skipping.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RootGate.class)
public @interface RequiresRoot {
    /** Further executables the tests need on the PATH, e.g. {@code "keepalived"}, {@code "tcpdump"}. */
    String[] tools() default {};
}
