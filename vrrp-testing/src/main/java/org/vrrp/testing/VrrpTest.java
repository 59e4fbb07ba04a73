package org.vrrp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test (class or method) that runs routers on a {@link SimulatedLan}: each test method
 * may take a {@code SimulatedLan} parameter, a fresh LAN on virtual time seeded with {@link #seed()}.
 * Routers still running when the test ends are closed; a failure names the seed.
 *
 * <pre>{@code
 * @VrrpTest
 * class FailoverTest {
 *     @Test
 *     void backupTakesOver(SimulatedLan lan) {
 *         SimulatedRouter a = lan.start("a", "192.0.2.1", myBuilder(150));
 *         SimulatedRouter b = lan.start("b", "192.0.2.2", myBuilder(100));
 *         lan.advance(Duration.ofSeconds(5));
 *         a.close();
 *         lan.advance(Duration.ofSeconds(1));
 *         assertEquals(VrrpState.MASTER, b.state());
 *     }
 * }
 * }</pre>
 *
 * <p>A method's annotation wins over its class's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SimulatedLanExtension.class)
public @interface VrrpTest {
    /**
     * Seed of the LAN's randomness (loss, delay); the same seed replays the same run.
     *
     * @return the seed
     */
    long seed() default 1;
}
