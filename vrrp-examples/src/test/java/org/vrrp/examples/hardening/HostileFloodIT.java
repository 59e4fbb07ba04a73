package org.vrrp.examples.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.examples.it.VrrpRunProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * Issue 7, hostile input: a host on the LAN sends 5,000 packets a second for 20 s to 224.0.0.18, all
 * invalid ({@link HostileTraffic}: random bytes, flipped bits, bad checksums, wrong interval, zero or
 * wrong address counts, other versions, wrong password or auth type, priority-255 claims with TTL
 * below 255), from forged documentation-range sources. Master (200) and backup (100) are {@code vrrp
 * run} processes; a third namespace captures the adverts with kernel timestamps.
 *
 * <p>Proves: the master's adverts never leave a gap over 1.5 x the 1 s interval on the wire; the
 * master keeps its VIP and its state, the backup never takes over (no advert from it on the wire, no
 * transition); the kernel dropped nothing on either router's VRRP socket ({@code /proc/net/raw}); every
 * packet the flooder got out is counted once by reason on each router, and the deterministic kinds
 * exactly under their own counter; the master logs a bounded number of lines about the flood.
 */
@RequiresRoot(tools = "tcpdump")
@Timeout(240)
class HostileFloodIT {
    private static final int RATE = 5_000;
    private static final Duration FLOOD = Duration.ofSeconds(20);
    private static final long MAX_GAP_MILLIS = 1_500;
    /**
     * Lines the master may log during the whole flood: each decode rule once a minute (13 rules), each
     * instance-level condition (TTL, auth type, password, interval, version) naming at most 5 peers a
     * minute (25), so at most 38 lines; 50 leaves room for a line of the JVM's own.
     */
    private static final int MAX_LOG_LINES = 50;

    @Test
    void floodOfInvalidPacketsNeitherDelaysTheMasterNorMovesTheBackup() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host obs = net.addHost("obs");
            Host fl = net.addHost("fl");
            try (MasterAndBackup pair = MasterAndBackup.start(a, b);
                 WireAdverts wire = WireAdverts.start(obs, "eth0", a.ipv4(), b.ipv4())) {
                VrrpRunProcess master = pair.master;
                VrrpRunProcess backup = pair.backup;
                Thread.sleep(2_000); // adverts before the flood, so the first gap is measured from one
                Map<String, String> masterBefore = merged(master);
                Map<String, String> backupBefore = merged(backup);
                long cpuA0 = cpuTicks(master.pid());
                long cpuB0 = cpuTicks(backup.pid());
                int logMark = master.mark();

                long floodStart = System.currentTimeMillis() * 1000;
                HostileTraffic traffic = new HostileTraffic(7, 51, Confs.PASSWORD, 1, InetAddress.getByName("192.0.2.100"));
                Flooder.Result sent = Flooder.start(fl.namespace(), "eth0", traffic, RATE, FLOOD)
                        .get(FLOOD.toSeconds() + 30, TimeUnit.SECONDS);
                long floodEnd = System.currentTimeMillis() * 1000;
                long cpuA1 = cpuTicks(master.pid());
                long cpuB1 = cpuTicks(backup.pid());
                String floodLog = master.log().substring(logMark);
                Thread.sleep(2_000); // adverts after the flood, and time for both routers to drain their queues

                List<WireAdverts.Advert> fromA = wire.from(a.ipv4());
                double gap = WireAdverts.longestGapMillis(fromA, floodStart - 1_500_000, floodEnd + 1_500_000);
                long floodLines = floodLog.lines().count();
                System.out.printf("flood: %d packets in %s (%d refused by the sender's kernel), flooder CPU %s: %s%n",
                        sent.total(), sent.took(), sent.refused(), sent.cpu(), sent.sent());
                System.out.printf("flood: longest gap between A's adverts on the wire %.1f ms; A logged %d lines;"
                                + " CPU A %.0f%%, B %.0f%%%n", gap, floodLines,
                        100.0 * (cpuA1 - cpuA0) / 100 / FLOOD.toSeconds(), 100.0 * (cpuB1 - cpuB0) / 100 / FLOOD.toSeconds());

                assertTrue(sent.total() >= RATE * FLOOD.toSeconds() * 9 / 10, "the flood ran at rate: " + sent);
                assertTrue(gap <= MAX_GAP_MILLIS, "longest gap " + gap + " ms between the master's adverts\n" + wire.text());
                assertEquals(List.of(), wire.from(b.ipv4()), "the backup never advertised");
                assertTrue(master.isAlive() && backup.isAlive());
                Map<String, String> masterAfter = merged(master);
                Map<String, String> backupAfter = merged(backup);
                assertEquals("MASTER", masterAfter.get("state"));
                assertEquals("BACKUP", backupAfter.get("state"));
                assertEquals(masterBefore.get("transitions"), masterAfter.get("transitions"), master.log());
                assertEquals(backupBefore.get("transitions"), backupAfter.get("transitions"), backup.log());
                assertTrue(a.address("eth0", "192.0.2.100").isPresent(), "the master kept its VIP");
                assertTrue(b.address("eth0", "192.0.2.100").isEmpty());
                assertEquals(0, rawSocketDrops(a), "kernel drops on A's VRRP socket");
                assertEquals(0, rawSocketDrops(b), "kernel drops on B's VRRP socket");
                assertCountedByReason(sent, masterBefore, masterAfter, master.log());
                assertCountedByReason(sent, backupBefore, backupAfter, backup.log());
                assertTrue(floodLines <= MAX_LOG_LINES, floodLines + " lines logged during the flood:\n" + floodLog);
            }
        }
    }

    /** Router and VI_51 fields of the status in one map (instance fields win on a name clash). */
    private static Map<String, String> merged(VrrpRunProcess p) {
        Map<String, String> m = new java.util.HashMap<>();
        p.router().forEach((k, v) -> m.put("router." + k, v));
        m.putAll(p.instance("VI_51"));
        return m;
    }

    private static long delta(Map<String, String> before, Map<String, String> after, String field) {
        return VrrpRunProcess.number(after, field) - VrrpRunProcess.number(before, field);
    }

    private static void assertCountedByReason(Flooder.Result sent, Map<String, String> before,
                                              Map<String, String> after, String log) {
        Map<HostileTraffic.Kind, Long> s = sent.sent();
        long decodeErrors = 0;
        for (String field : after.keySet()) {
            if (field.startsWith("router.receive_errors.")) {
                decodeErrors += delta(before, after, field);
            }
        }
        long unknownVrid = delta(before, after, "router.unknown_vrid_packets");
        long ttl = delta(before, after, "ttl_errors");
        long version = delta(before, after, "version_errors");
        long auth = delta(before, after, "auth_errors");
        long interval = delta(before, after, "interval_errors");
        long addressList = delta(before, after, "address_list_errors");
        String figures = "decode " + decodeErrors + ", unknown VRID " + unknownVrid + ", ttl " + ttl + ", version "
                + version + ", auth " + auth + ", interval " + interval + ", address list " + addressList + "; "
                + after + "\n" + log;
        assertEquals(sent.total(), decodeErrors + unknownVrid + ttl + version + auth + interval + addressList,
                "every packet counted once: " + figures);
        assertEquals(s.get(HostileTraffic.Kind.PRIORITY_255_LOW_TTL), ttl, figures);
        assertEquals(s.get(HostileTraffic.Kind.WRONG_INTERVAL), interval, figures);
        assertEquals(s.get(HostileTraffic.Kind.WRONG_PASSWORD) + s.get(HostileTraffic.Kind.WRONG_AUTH_TYPE), auth, figures);
        // Count 0 decodes (keepalived sends it for a VRRPv2 instance with no VIP); the instance, whose VIP is
        // 192.0.2.100, drops it as keepalived does, as an address-list error.
        assertEquals(s.get(HostileTraffic.Kind.ZERO_ADDRESS_COUNT), addressList, figures);
        assertTrue(delta(before, after, "router.receive_errors.bad-checksum") >= s.get(HostileTraffic.Kind.BAD_CHECKSUM),
                figures);
        assertTrue(version + delta(before, after, "router.version_errors") >= s.get(HostileTraffic.Kind.OTHER_VERSION),
                figures);
        assertTrue(delta(before, after, "router.length_errors") >= s.get(HostileTraffic.Kind.WRONG_ADDRESS_COUNT), figures);
    }

    /** Drops the kernel counted on the namespace's raw sockets for protocol 112 (last column of /proc/net/raw). */
    private static long rawSocketDrops(Host h) {
        long drops = 0;
        for (String line : h.exec("cat", "/proc/net/raw").stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 12 && f[1].endsWith(":0070")) {
                drops += Long.parseLong(f[f.length - 1]);
            }
        }
        return drops;
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
