package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.millis;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vrrp.Reason;
import org.vrrp.StateChange;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * {@code handOverOnClose} on real namespaces: a client pings the VIP every 2 ms while the master (priority 150)
 * closes and the backup takes over. With hand-over the master keeps the VIP in its kernel until the backup's first
 * advert, so the client's outage is the switch of its neighbour entry (a few ms), where by default (keepalived's
 * behaviour) the VIP is gone for the backup's Skew_Time. Measured at VRRPv2 1 s and VRRPv3 50 ms, backup priorities
 * 100 and 20, and with keepalived 2.2.7 as the backup (it takes over on our priority-0 advert; we let go on its
 * first advert); figures printed as MEASURED lines.
 */
@RequiresRoot(tools = {"ping", "keepalived"})
@Timeout(120)
class HandOverIT {
    private static final String VIP = "192.0.2.100";
    private static final Pattern REPLY =
            Pattern.compile("^\\[(\\d+\\.\\d+)\\] \\d+ bytes from .*icmp_seq=(\\d+) .*time=(\\d+(?:\\.\\d+)?) ms",
                    Pattern.MULTILINE);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Ten pings: a lets go on the new master's first advert and the client's entry moves on its gratuitous ARP, which
     * ours sends with the claim (measured 0.3 ms later).
     */
    private static final Duration HAND_OVER_OUTAGE_BOUND = Duration.ofMillis(20);


    @ParameterizedTest(name = "v{0} {1} cs, backup priority {2}, hand-over {3}, backup {4}")
    @CsvSource({"2, 100, 100, true, ours", "2, 100, 100, false, ours", "3, 5, 20, true, ours",
            "3, 5, 20, false, ours", "3, 5, 100, true, ours", "2, 100, 20, true, ours",
            "2, 100, 100, true, keepalived", "3, 100, 20, true, keepalived"})
    void theClientSeesNoGapWithHandOverAndTheBackupsSkewTimeWithout(int version, int intervalCentis,
                                                                     int backupPriority, boolean handOver,
                                                                     String backup) throws Exception {
        Path pingLog = Files.createTempFile("vrrp-it-handover-ping", ".log");
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            try (AutoCloseable rb = backup(b, version, intervalCentis, backupPriority, backup);
                 VrrpRouter ra = router(a, version, intervalCentis, 150, handOver).start()) {
                Poll.until(WAIT, "a to hold the VIP", () -> a.address("eth0", VIP).isPresent());
                if (rb instanceof VrrpRouter ours) {
                    Poll.until(WAIT, "b to hear a", () -> ours.stats().instances().get(0).masterAddress() != null);
                } else {
                    ((KeepalivedProcess) rb).awaitLog("(VI_1) Entering BACKUP STATE", WAIT);
                    Thread.sleep(intervalCentis * 30L);
                    assertEquals(Optional.empty(), b.address("eth0", VIP), "keepalived stays backup to a");
                }
                client.exec("ping", "-c", "1", "-W", "5", VIP);
                assertEquals(Optional.of(a.mac()), client.neighbourMac("eth0", VIP), "before: the VIP at a");
                Duration skew = Routers.skew(version, backupPriority, intervalCentis);
                try (BackgroundProcess ping = new BackgroundProcess(client, "ping", pingLog, "ping", "-n", "-D", "-i",
                        "0.002", "-W", "1", "-w", Long.toString(3 + skew.toSeconds()), VIP)) {
                    Thread.sleep(1000);
                    double closedAt = System.currentTimeMillis() / 1000.0;
                    String instance = ra.config().instances().get(0).name();
                    CompletableFuture<StateChange> stopped = ra.onState(instance, VrrpState.INITIALIZE)
                            .toCompletableFuture();
                    long closeStartNanos = System.nanoTime();
                    ra.close();
                    Duration closeTook = Duration.ofNanos(System.nanoTime() - closeStartNanos);
                    // Judged by the kernels: a has let go when close() returns, b holds the VIP.
                    assertEquals(Optional.empty(), a.address("eth0", VIP), "a's kernel holds no VIP after close()");
                    Poll.until(WAIT, "b to hold the VIP", () -> b.address("eth0", VIP).isPresent());
                    ping.awaitExit(WAIT);
                    Duration outage = unansweredSpan(Files.readString(pingLog), closedAt);
                    System.out.printf("MEASURED hand-over %s, v%d %d ms, backup %s priority %d: client outage %s,"
                            + " close() took %s, backup's Skew_Time %s%n", handOver, version, intervalCentis * 10,
                            backup, backupPriority, millis(outage), millis(closeTook), millis(skew));
                    assertEquals(Optional.of(b.mac()), client.neighbourMac("eth0", VIP), "after: the VIP at b");
                    if (handOver) {
                        // keepalived sends its first gratuitous ARP some time after its first advert, on which we let go:
                        // 0.2 to 4 ms in the benchmarks, 13 to 99 ms here on a loaded machine. That gap is the clients'
                        // outage, so only "far less than Skew_Time" is asserted with it, at 1 s intervals.
                        Duration bound = backup.equals("ours") ? HAND_OVER_OUTAGE_BOUND : skew.dividedBy(2);
                        assertTrue(outage.compareTo(bound) <= 0, "outage " + millis(outage) + " beyond " + millis(bound));
                        assertTrue(closeTook.compareTo(skew) >= 0, "close() waits for b's takeover: " + millis(closeTook)
                                + " < Skew_Time " + millis(skew));
                        assertEquals(new Reason.HandedOver(InetAddress.getByName(b.ipv4())),
                                stopped.get(5, TimeUnit.SECONDS).reason(), "a let go on b's advert, not on its bound");
                    } else {
                        assertTrue(outage.compareTo(skew.minus(Duration.ofMillis(10))) >= 0, "without hand-over the"
                                + " VIP is gone for Skew_Time " + millis(skew) + ": outage " + millis(outage));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(pingLog);
        }
    }

    /**
     * After {@code closedAt}, the longest an echo request waited for its reply (its round-trip time: the client's
     * kernel queues requests while it resolves the VIP again, so they are answered late rather than lost) or, if
     * longer, the longest span of requests never answered (from the reply before the first missing sequence
     * number to the reply after the last). Not the gaps between replies, so that a pause of the pinging process
     * itself (a busy machine) is not taken for an outage.
     */
    static Duration unansweredSpan(String pingOutput, double closedAt) {
        Matcher m = REPLY.matcher(pingOutput);
        double lastAt = Double.NaN;
        long lastSeq = -1;
        double longest = 0;
        while (m.find()) {
            double at = Double.parseDouble(m.group(1));
            long seq = Long.parseLong(m.group(2));
            if (at >= closedAt) {
                if (lastSeq >= 0 && seq > lastSeq + 1) {
                    longest = Math.max(longest, at - lastAt);
                }
                longest = Math.max(longest, Double.parseDouble(m.group(3)) / 1000);
            }
            lastAt = at;
            lastSeq = seq;
        }
        return Duration.ofNanos((long) (longest * 1e9));
    }

    /** The backup: ours, or keepalived 2.2.7 with the same settings. */
    private static AutoCloseable backup(Host b, int version, int intervalCentis, int priority, String impl) {
        if (impl.equals("ours")) {
            return router(b, version, intervalCentis, priority, false).start();
        }
        return KeepalivedProcess.start(b, """
                global_defs {
                    router_id vit_handover
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    version %d
                    interface eth0
                    virtual_router_id 51
                    priority %d
                    advert_int %s
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(version, priority, intervalCentis % 100 == 0 ? Integer.toString(intervalCentis / 100)
                : String.format(java.util.Locale.ROOT, "%.2f", intervalCentis / 100.0), VIP));
    }

    private static VrrpRouter.Builder router(Host host, int version, int intervalCentis, int priority,
                                             boolean handOver) {
        return Routers.on(host, 51, priority, List.of(VIP + "/24")).version(version)
                .advertisementInterval(Duration.ofMillis(intervalCentis * 10L)).handOverOnClose(handOver);
    }
}
