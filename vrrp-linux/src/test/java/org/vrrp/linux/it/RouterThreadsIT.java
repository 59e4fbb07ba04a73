package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * The router's threads on the real Linux stack: named vrrp-&lt;router&gt;-io, -protocol, -listener, and
 * none left once close() returns but the two JVM-wide threads of jnr-ffi and jffi, which docs/api.md
 * explains.
 */
@RequiresRoot
@Timeout(60)
class RouterThreadsIT {
    /** jnr-ffi's reference-queue thread: one per JVM, started on its first native allocation, never ours. */
    private static final String JNR_FINALIZER = "jnr.ffi.util.ref.internal.Finalizer";
    /**
     * jffi's java.lang.ref.Cleaner (com.kenai.jffi.internal.Cleaner), one per JVM, started when it first loads a
     * library; the JDK numbers a Cleaner's thread Cleaner-N.
     */
    private static final String JFFI_CLEANER = "Cleaner-\\d+";

    @Test
    void threadsAreNamedAfterTheRouterAndNoneIsLeftAfterClose() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Set<String> before = threadNames();
            VrrpRouter router = Routers.on(a, 61, 255, List.of("192.0.2.61/24")).start();
            assertTrue(router.awaitState(VrrpState.MASTER, Duration.ofSeconds(10)));
            Set<String> running = threadNames();
            running.removeAll(before);
            assertTrue(running.containsAll(Set.of("vrrp-VI_61-io", "vrrp-VI_61-protocol", "vrrp-VI_61-listener")),
                    running.toString());
            router.close();
            Set<String> left = threadNames();
            left.removeAll(before);
            left.remove(JNR_FINALIZER);
            left.removeIf(name -> name.matches(JFFI_CLEANER));
            assertEquals(Set.of(), left, "threads alive after close() returned");
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
