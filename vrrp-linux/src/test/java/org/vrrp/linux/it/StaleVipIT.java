package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;
import static org.vrrp.linux.it.Routers.holdsNone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * A router killed with SIGKILL (a crash, {@code kill -9}) cannot send priority 0 or remove its VIPs: they
 * stay on the interface, where a host that is not master must not keep them. The test runs a master in
 * a JVM of its own ({@link StandaloneRouter}) inside a test namespace, kills it with SIGKILL, checks the
 * kernel still has its VIPs (the stale state is real), then starts a router for the same VRID there:
 * when {@code start()} returns the VIPs are gone from the kernel, before it has become master; it then
 * becomes master and adds them back as its own. IPv4 (VRRPv2) and IPv6 (VRRPv3).
 */
@RequiresRoot
@Timeout(90)
class StaleVipIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest(name = "v{0} {1}")
    @CsvSource({"2, 192.0.2.100/24", "3, fe80::64/64 2001:db8::100/64"})
    void vipsLeftByAKilledRouterAreRemovedAtTheNextStart(int version, String vipList) throws Exception {
        List<String> vips = List.of(vipList.split(" "));
        Path log = Files.createTempFile("vrrp-it-standalone", ".log");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            try (BackgroundProcess crashing = new BackgroundProcess(a, "standalone router", log,
                    standaloneCommand(version, 150, vips))) {
                crashing.awaitLog(StandaloneRouter.MASTER_LINE, WAIT);
                assertTrue(holdsAll(a, vips), "the first run holds its VIPs: " + a.addresses("eth0"));
                ProcessHandle.of(crashing.pid()).orElseThrow().destroyForcibly(); // SIGKILL
                crashing.awaitExit(WAIT);
            }
            assertTrue(holdsAll(a, vips), "SIGKILL left the VIPs on the interface: " + a.addresses("eth0"));

            try (VrrpRouter restarted = Routers.on(a, 51, 150, vips).version(version).start()) {
                assertTrue(holdsNone(a, vips), "start() removed the stale VIPs: " + a.addresses("eth0"));
                assertEquals(VrrpState.BACKUP, restarted.state(), "removed before becoming master, not by it");
                Poll.until(WAIT, "the restarted router to become master and add its VIPs", () -> holdsAll(a, vips));
                assertEquals(VrrpState.MASTER, restarted.state());
            }
            assertTrue(holdsNone(a, vips), "close() removed them: " + a.addresses("eth0"));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** `java -cp <this test classpath> StandaloneRouter 51 PRIORITY VERSION VIP...`. */
    static String[] standaloneCommand(int version, int priority, List<String> vips) {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new UncheckedIOException(new IOException("cannot tell which java runs the tests")));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                StandaloneRouter.class.getName(), "51", Integer.toString(priority), Integer.toString(version)));
        cmd.addAll(vips);
        return cmd.toArray(String[]::new);
    }
}
