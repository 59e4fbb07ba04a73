package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;
import static org.vrrp.linux.it.Routers.holdsNone;
import static org.vrrp.linux.it.Routers.millis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vrrp.VrrpRouter;

/**
 * After a takeover between two of our routers, the new master's gratuitous ARP (IPv4) or unsolicited
 * neighbor advertisement (IPv6) moves a client's existing neighbour entry for the VIP from the old
 * master's MAC to the new master's within 100 ms of the new master holding the VIP in the kernel. The
 * client first reaches the VIP at the old master (ping), so the entry exists and is REACHABLE: only an
 * announcement, not the client's own resolution, can change it that fast. Both moments are read from
 * the kernel (`ip -j addr` on the new master, `ip -j neigh` on the client) by two pollers started
 * before the takeover.
 */
@RequiresRoot(tools = "ping")
@Timeout(60)
class GratuitousArpIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration BOUND = Duration.ofMillis(100);

    @ParameterizedTest(name = "v{0} {1}")
    @CsvSource({"2, 192.0.2.100/24", "3, fe80::64/64 2001:db8::100/64"})
    void takeoverMovesTheClientsNeighbourEntryToTheNewMasterWithin100ms(int version, String vipList) throws Exception {
        List<String> vips = List.of(vipList.split(" "));
        String target = Routers.addressOf(vips.get(vips.size() - 1));
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            try (VrrpRouter ra = start(a, version, 150, vips); VrrpRouter rb = start(b, version, 100, vips)) {
                Poll.until(WAIT, "a to win the election", () -> holdsAll(a, vips));
                Poll.until(WAIT, "b to hear a", () -> rb.stats().instances().get(0).masterAddress() != null);
                assertTrue(holdsNone(b, vips), "b is backup: " + b.addresses("eth0"));
                client.exec("ping", "-c", "1", "-W", "5", target);
                assertEquals(Optional.of(a.mac()), client.neighbourMac("eth0", target),
                        "before the takeover the client reaches the VIP at a's MAC");

                long t0 = System.nanoTime();
                CompletableFuture<Duration> vipAtB = CompletableFuture.supplyAsync(() -> Poll.elapsedUntil(t0, WAIT,
                        Routers.FAST_POLL, "b to hold the VIP", () -> holdsAll(b, vips)), pollers);
                CompletableFuture<Duration> entryAtB = CompletableFuture.supplyAsync(() -> Poll.elapsedUntil(t0, WAIT,
                        Routers.FAST_POLL, "the client's entry for " + target + " to show b's MAC " + b.mac(),
                        () -> client.neighbourMac("eth0", target).equals(Optional.of(b.mac()))), pollers);
                ra.close();
                Duration held = result(vipAtB);
                Duration moved = result(entryAtB);
                Duration lag = moved.minus(held);
                System.out.printf("MEASURED v%d %s: b holds the VIP %s after a's close, the client's neighbour entry"
                        + " shows b's MAC %s after it: %s after b holds the VIP (bound %s)%n", version, target,
                        millis(held), millis(moved), millis(lag), millis(BOUND));
                assertTrue(lag.compareTo(BOUND) <= 0, "the client's neighbour entry moved to b " + millis(lag)
                        + " after b held the VIP, more than " + millis(BOUND));
            }
        } finally {
            pollers.shutdownNow();
        }
    }

    /** The poller's figure, or its own AssertionError (timeout) rather than a wrapper. */
    private static Duration result(CompletableFuture<Duration> poller) {
        try {
            return poller.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static VrrpRouter start(Host host, int version, int priority, List<String> vips) {
        return Routers.on(host, 51, priority, vips).version(version).start();
    }
}
