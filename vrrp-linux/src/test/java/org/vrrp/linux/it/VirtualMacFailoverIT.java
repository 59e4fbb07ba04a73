package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.millis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vrrp.VrrpRouter;

/**
 * A client that ignores gratuitous ARP (an nftables rule drops every ARP whose sender and target are the VIP, as
 * appliances and some hypervisors do) pings the VIP every 5 ms through a failover, while its neighbour entry for
 * the VIP is sampled from its kernel (`ip -j neigh`). Two failovers: graceful (the master closes: priority 0, the
 * backup takes over after Skew_Time) and a crash (the master's JVM is killed with SIGKILL and its switch port goes
 * down at the same moment, as when the host dies: the backup takes over after Master_Down_Interval).
 *
 * <p>With a virtual MAC the client's entry is 00:00:5e:00:01:33 before, during and after, and the outage is the
 * protocol's timer plus a little. Without, the client keeps the old master's MAC (stale) and the VIP stays
 * unreachable for as long as the test watches. Figures are printed as MEASURED lines.
 */
@RequiresRoot(tools = {"nft", "ping"})
@Timeout(120)
class VirtualMacFailoverIT {
    private static final String VIP = "192.0.2.100";
    private static final String VIRTUAL_MAC = "00:00:5e:00:01:33";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration AFTER_FAILOVER = Duration.ofSeconds(6);
    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+\\.\\d+)\\] \\d+ bytes from", Pattern.MULTILINE);

    @ParameterizedTest(name = "virtual MAC {0}, {1}")
    @CsvSource({"true, graceful", "true, crash", "false, graceful", "false, crash"})
    void clientIgnoringGratuitousArpThroughFailover(boolean virtualMac, String failover) throws Exception {
        boolean crash = failover.equals("crash");
        Path routerLog = Files.createTempFile("vrrp-it-vmac-router", ".log");
        Path pingLog = Files.createTempFile("vrrp-it-vmac-ping", ".log");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            ignoreGratuitousArp(client);
            VrrpRouter inProcessA = null;
            BackgroundProcess childA = null;
            try (VrrpRouter rb = router(b, 100, virtualMac).start()) {
                if (crash) {
                    List<String> cmd = new ArrayList<>(List.of(StaleVipIT.standaloneCommand(2, 150, List.of())));
                    if (virtualMac) {
                        cmd.add("--vmac");
                    }
                    cmd.add(VIP + "/24");
                    childA = new BackgroundProcess(a, "router a", routerLog, cmd.toArray(String[]::new));
                    childA.awaitLog(StandaloneRouter.MASTER_LINE, WAIT);
                } else {
                    inProcessA = router(a, 150, virtualMac).start();
                }
                String vipDeviceA = virtualMac ? "vrrp.51" : "eth0";
                Poll.until(WAIT, "a to hold the VIP", () -> a.address(vipDeviceA, VIP).isPresent());
                Poll.until(WAIT, "b to hear a", () -> rb.stats().instances().get(0).masterAddress() != null);
                String macOfA = virtualMac ? VIRTUAL_MAC : a.mac();
                String macOfB = virtualMac ? VIRTUAL_MAC : b.mac();
                client.exec("ping", "-c", "1", "-W", "5", VIP);
                assertEquals(Optional.of(macOfA), client.neighbourMac("eth0", VIP), "before: the VIP at a");

                NeighbourSampler sampler = new NeighbourSampler(client);
                sampler.start();
                try (BackgroundProcess ping = new BackgroundProcess(client, "ping", pingLog, "ping", "-n", "-D", "-i",
                        "0.005", "-W", "1", "-w", Long.toString(2 + AFTER_FAILOVER.toSeconds()), VIP)) {
                    Thread.sleep(1000);
                    double failedAt = System.currentTimeMillis() / 1000.0;
                    if (crash) {
                        net.setCarrier(a, 0, false);
                        ProcessHandle.of(childA.pid()).orElseThrow().destroyForcibly();
                    } else {
                        inProcessA.close();
                    }
                    String vipDeviceB = virtualMac ? "vrrp.51" : "eth0";
                    Poll.until(WAIT, "b to hold the VIP", () -> b.address(vipDeviceB, VIP).isPresent());
                    ping.awaitExit(WAIT);
                    double endedAt = System.currentTimeMillis() / 1000.0;
                    sampler.stop();
                    List<Double> replies = replyTimes(Files.readString(pingLog));
                    Duration outage = outageAround(replies, failedAt, endedAt);
                    Duration bound = crash ? Routers.masterDown(2, 100, 100) : Routers.skew(2, 100, 100);
                    System.out.printf("MEASURED virtual MAC %s, %s failover: client outage %s (protocol timer %s);"
                            + " %d replies; neighbour entries seen: %s%n", virtualMac, failover, millis(outage),
                            millis(bound), replies.size(), sampler.distinct());
                    if (virtualMac) {
                        assertEquals(List.of(VIRTUAL_MAC), sampler.distinct(),
                                "the client's entry for the VIP was the virtual MAC before, during and after");
                        assertEquals(Optional.of(macOfB), client.neighbourMac("eth0", VIP));
                        assertTrue(outage.compareTo(bound.plus(Routers.SLACK)) <= 0, "outage " + millis(outage)
                                + " beyond " + millis(bound) + " + " + millis(Routers.SLACK));
                    } else {
                        assertEquals(Optional.of(macOfA), client.neighbourMac("eth0", VIP),
                                "without a virtual MAC the client keeps a's MAC: it ignores the gratuitous ARP");
                        assertFalse(sampler.distinct().contains(macOfB), "never b's MAC: " + sampler.distinct());
                        assertTrue(outage.compareTo(AFTER_FAILOVER.minus(Duration.ofSeconds(1))) > 0,
                                "the VIP stays unreachable: outage " + millis(outage));
                    }
                }
            } finally {
                if (inProcessA != null) {
                    inProcessA.close();
                }
                if (childA != null) {
                    childA.close();
                }
            }
        } finally {
            Files.deleteIfExists(routerLog);
            Files.deleteIfExists(pingLog);
        }
    }

    private static VrrpRouter.Builder router(Host host, int priority, boolean virtualMac) {
        return Routers.on(host, 51, priority, List.of(VIP + "/24")).version(2).virtualMac(virtualMac);
    }

    /** An nftables rule in the client's namespace: drop every ARP whose sender and target IP are the VIP. */
    private static void ignoreGratuitousArp(Host client) {
        client.exec("nft", "add table arp vit_garp");
        client.exec("nft", "add chain arp vit_garp in { type filter hook input priority 0 ; }");
        client.exec("nft", "add rule arp vit_garp in arp saddr ip " + VIP + " arp daddr ip " + VIP + " drop");
    }

    static List<Double> replyTimes(String pingOutput) {
        List<Double> out = new ArrayList<>();
        Matcher m = REPLY.matcher(pingOutput);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    /**
     * The longest time without a reply from {@code failedAt} to {@code endedAt} (seconds since the epoch), counted
     * from the last reply before the failure; a gap still open when the ping ended counts up to {@code endedAt}.
     */
    static Duration outageAround(List<Double> replies, double failedAt, double endedAt) {
        double last = failedAt;
        double longest = 0;
        for (double t : replies) {
            if (t >= failedAt) {
                longest = Math.max(longest, t - last);
            }
            last = t;
        }
        longest = Math.max(longest, endedAt - Math.max(last, failedAt));
        return Duration.ofNanos((long) (longest * 1e9));
    }

    /** Reads the client's neighbour entry for the VIP about every 20 ms on a thread of its own. */
    private static final class NeighbourSampler {
        private final Host client;
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private final Thread thread;

        NeighbourSampler(Host client) {
            this.client = client;
            this.thread = new Thread(this::run, "neighbour-sampler");
        }

        void start() {
            thread.start();
        }

        private void run() {
            while (running) {
                try {
                    client.neighbourMac("eth0", VIP).ifPresent(seen::add);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (UncheckedIOException | AssertionError e) {
                    // a failed read is no sample
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        List<String> distinct() {
            synchronized (seen) {
                return seen.stream().distinct().toList();
            }
        }
    }
}
