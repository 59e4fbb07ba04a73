package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.it.BackgroundProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.KeepalivedProcess;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * The keepalived.conf constructs of issue 14 item 4 that used to be ignored with a warning, each run by
 * {@code vrrp run -f} in a namespace, against keepalived 2.2.7 where a peer is involved.
 */
@RequiresRoot
@Timeout(120)
class KeepalivedConstructsIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration TAKEOVER = Duration.ofSeconds(8);

    /** One instance on eth0, VRID 40, VIP 192.0.2.240/24; {@code extra} goes inside the instance block. */
    static String instance(String name, int priority, String extra) {
        return """
                vrrp_instance %s {
                    state BACKUP
                    interface eth0
                    virtual_router_id 40
                    priority %d
                    advert_int 1
                %s
                    virtual_ipaddress {
                        192.0.2.240/24
                    }
                }
                """.formatted(name, priority, extra);
    }

    @Test
    void weightedTrackInterfaceLowersThePriorityAndKeepalivedTakesOver() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            r1.addUnconnectedInterface("trk0");
            r1.setLinkUp("trk0p", true);
            r1.setLinkUp("trk0", true);
            String ours = instance("VI_1", 110, """
                        track_interface {
                            trk0 weight -30
                        }
                    """);
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                 KeepalivedProcess keepalived = KeepalivedProcess.start(r2, instance("VI_1", 100, ""))) {
                Poll.until(START, "ours (110) master", () -> r1.address("eth0", "192.0.2.240").isPresent());
                assertFalse(run.log().contains("weighted interface tracking is not supported"), run.log());

                int mark = run.mark();
                r1.setLinkUp("trk0", false);  // 110 - 30 = 80 < 100: keepalived preempts
                Poll.until(TAKEOVER, "keepalived master", () -> r2.address("eth0", "192.0.2.240").isPresent());
                Poll.until(TAKEOVER, "ours gave the VIP up", () -> r1.address("eth0", "192.0.2.240").isEmpty());
                run.awaitLog("(VI_1) MASTER -> BACKUP", mark, TAKEOVER);
                assertFalse(run.log().substring(mark).contains("FAULT"), "weighted: no FAULT\n" + run.log());

                r1.setLinkUp("trk0", true);  // 110 again: ours preempts back
                Poll.until(TAKEOVER, "ours master again", () -> r1.address("eth0", "192.0.2.240").isPresent());
                Poll.until(TAKEOVER, "keepalived backup", () -> r2.address("eth0", "192.0.2.240").isEmpty());
            }
        }
    }

    @Test
    void excludedAddressesFollowTheVipsButAreNotAdvertised() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            String excluded = """
                        virtual_ipaddress_excluded {
                            192.0.2.241/24
                        }
                    """;
            VrrpRunProcess run = VrrpRunProcess.start(r1, instance("VI_1", 110, excluded));
            try (run; KeepalivedProcess keepalived = KeepalivedProcess.start(r2, instance("VI_1", 100, excluded))) {
                Poll.until(START, "ours master with both", () -> r1.address("eth0", "192.0.2.240").isPresent()
                        && r1.address("eth0", "192.0.2.241").isPresent());
                // keepalived (same VIP list) stays backup: our adverts carry 192.0.2.240 only, as its own do.
                String adverts = r2.exec("timeout", "3.5", "tcpdump", "-n", "-c", "2", "-i", "eth0", "-v",
                        "ip proto 112").stdout();
                assertTrue(adverts.contains("addrs: 192.0.2.240") && !adverts.contains("192.0.2.241"), adverts);
                assertTrue(r2.address("eth0", "192.0.2.241").isEmpty());

                run.signal("TERM");  // priority 0, both removed; keepalived adds both
                Poll.until(TAKEOVER, "keepalived master with both", () -> r2.address("eth0", "192.0.2.240").isPresent()
                        && r2.address("eth0", "192.0.2.241").isPresent());
                assertTrue(r1.address("eth0", "192.0.2.240").isEmpty() && r1.address("eth0", "192.0.2.241").isEmpty(),
                        r1.addresses("eth0").toString());
            }
        }
    }

    @Test
    void unicastSrcIpIsTheAdvertSourceThatKeepalivedPeersWith() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");  // 192.0.2.1, and 192.0.2.201 as the configured source
            Host r2 = net.addHost("r2");  // 192.0.2.2
            r1.ip("addr", "add", "192.0.2.201/24", "dev", "eth0");
            String ours = instance("VI_1", 110, """
                        unicast_src_ip 192.0.2.201
                        unicast_peer {
                            192.0.2.2
                        }
                    """);
            String theirs = instance("VI_1", 100, """
                        unicast_src_ip 192.0.2.2
                        unicast_peer {
                            192.0.2.201
                        }
                    """);
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                 KeepalivedProcess keepalived = KeepalivedProcess.start(r2, theirs)) {
                // Ours (110) is master; keepalived (100) stays backup only while it hears our adverts, sent from
                // the address it peers with, 192.0.2.201, not the interface's primary 192.0.2.1.
                withLogs(run, keepalived, () -> Poll.until(START, "ours master",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()));
                String adverts = r2.exec("timeout", "3.5", "tcpdump", "-n", "-c", "2", "-i", "eth0",
                        "ip proto 112").stdout();
                assertTrue(adverts.lines().allMatch(l -> l.contains("192.0.2.201 > 192.0.2.2")), adverts);
                Poll.until(TAKEOVER, "keepalived backup", () -> r2.address("eth0", "192.0.2.240").isEmpty());
                keepalived.awaitLog("Entering BACKUP STATE", Duration.ofSeconds(1));
                assertFalse(run.log().contains("unicast_src_ip"), run.log());
            }
        }
    }

    @Test
    void mcastSrcIpIsTheMulticastAdvertSource() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            r1.ip("addr", "add", "192.0.2.201/24", "dev", "eth0");
            String ours = instance("VI_1", 110, "    mcast_src_ip 192.0.2.201\n");
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                 KeepalivedProcess keepalived = KeepalivedProcess.start(r2, instance("VI_1", 100, ""))) {
                withLogs(run, keepalived, () -> Poll.until(START, "ours master",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()));
                String adverts = r2.exec("timeout", "3.5", "tcpdump", "-n", "-c", "2", "-i", "eth0",
                        "ip proto 112").stdout();
                assertTrue(adverts.lines().allMatch(l -> l.contains("192.0.2.201 > 224.0.0.18")), adverts);
                assertTrue(r2.address("eth0", "192.0.2.240").isEmpty(), keepalived.log());
            }
        }
    }

    @Test
    void aVipLabelIsAppliedAsKeepalivedDoes() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            String conf = instance("VI_1", 110, "").replace("192.0.2.240/24\n",
                    "192.0.2.240/24 dev eth0 label eth0:1\n        192.0.2.242/24\n");
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, conf)) {
                Poll.until(START, "ours master", () -> r1.address("eth0", "192.0.2.240").isPresent());
                String addr = r1.exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout();
                assertTrue(addr.lines().anyMatch(l -> l.contains("inet 192.0.2.240/24") && l.contains(" eth0:1")),
                        addr);
                assertTrue(addr.lines().anyMatch(l -> l.contains("inet 192.0.2.242/24") && !l.contains("eth0:")),
                        addr);
                assertFalse(run.log().contains("label"), run.log());
            }
        }
    }

    @Test
    void notifyMasterRxLowerPriRunsWhenKeepalivedAdvertisesBelowUs() throws Exception {
        Path dir = Files.createTempDirectory("vrrp-it-rxlower-");
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            Path calls = dir.resolve("calls");
            Path script = shellScript(dir, "rx-lower.sh", "echo \"rx $*\" >> " + calls);
            String ours = instance("VI_1", 110, "    notify_master_rx_lower_pri \"" + script + " now\"\n");
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                 KeepalivedProcess keepalived = KeepalivedProcess.start(r2, instance("VI_1", 100, ""))) {
                withLogs(run, keepalived, () -> Poll.until(START, "ours master",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()));
                assertFalse(Files.exists(calls), "no lower priority heard yet");
                // keepalived stops hearing us: it becomes master too and advertises 100 to our 110.
                r2.exec("nft", "add", "table", "inet", "vit");
                r2.exec("nft", "add", "chain", "inet", "vit", "in", "{ type filter hook input priority 0; }");
                r2.exec("nft", "add", "rule", "inet", "vit", "in", "meta", "l4proto", "112", "drop");
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "notify_master_rx_lower_pri ran",
                        () -> Files.exists(calls)));
                r2.exec("nft", "delete", "table", "inet", "vit");
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "keepalived back to backup",
                        () -> r2.address("eth0", "192.0.2.240").isEmpty()));
                assertTrue(Files.readAllLines(calls).stream().allMatch(l -> l.equals("rx now")),
                        Files.readString(calls));
                assertTrue(r1.address("eth0", "192.0.2.240").isPresent(), "ours stayed master");
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void notifyFifoLinesAreKeepalivedsLinesInOrder() throws Exception {
        Path dir = Files.createTempDirectory("vrrp-it-fifo-");
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            // Ours: the FIFO is created by vrrp run and read by its vrrp_notify_fifo_script.
            Path ourFifo = dir.resolve("ours.fifo");
            Path ourLines = dir.resolve("ours.lines");
            Path reader = shellScript(dir, "reader.sh", "exec cat \"$1\" >> " + ourLines);
            String ours = """
                    global_defs {
                        vrrp_notify_fifo %s
                        vrrp_notify_fifo_script %s
                    }
                    """.formatted(ourFifo, reader) + instance("VI_1", 100, "");
            // keepalived: a FIFO made beforehand, read by a cat of our own (keepalived kills its FIFO script at
            // shutdown, before the reader could see STOP). Another VRID, so that both become master.
            Path theirFifo = dir.resolve("keepalived.fifo");
            r2.exec("mkfifo", theirFifo.toString());
            String theirs = "global_defs {\n    vrrp_notify_fifo " + theirFifo + "\n}\n"
                    + instance("VI_1", 100, "").replace("virtual_router_id 40", "virtual_router_id 41")
                    .replace("192.0.2.240", "192.0.2.241");
            try (BackgroundProcess theirReader = new BackgroundProcess(r2, "fifo reader", dir.resolve("keepalived.lines"),
                    "cat", theirFifo.toString())) {
                VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                KeepalivedProcess keepalived = KeepalivedProcess.start(r2, theirs);
                try (run; keepalived) {
                    withLogs(run, keepalived, () -> Poll.until(START, "both master",
                            () -> r1.address("eth0", "192.0.2.240").isPresent()
                                    && r2.address("eth0", "192.0.2.241").isPresent()));
                    run.signal("TERM");
                    assertEquals(0, run.awaitExit(TAKEOVER), run.log());
                    keepalived.stop();
                }
                assertEquals(0, theirReader.awaitExit(TAKEOVER), "cat ends when keepalived closes the FIFO");
                List<String> expected = List.of("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 100",
                        "INSTANCE \"VI_1\" STOP 100");
                assertEquals(expected, theirReader.log().lines().toList(), "keepalived 2.2.7 itself");
                Poll.until(TAKEOVER, "our FIFO script read to the end",
                        () -> Files.exists(ourLines) && readLines(ourLines).size() >= 3);
                assertEquals(expected, readLines(ourLines), "ours");
                assertFalse(Files.exists(ourFifo), "the FIFO vrrp run created is removed at stop");
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void trackFileValueTimesWeightMovesMastershipToKeepalivedAndBack() throws Exception {
        Path dir = Files.createTempDirectory("vrrp-it-trackfile-");
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            Path file = dir.resolve("prio");
            String ours = """
                    track_file prio {
                        file %s
                        weight -10
                        init_file 0
                    }
                    """.formatted(file) + instance("VI_1", 110, "    track_file {\n        prio\n    }\n");
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                 KeepalivedProcess keepalived = KeepalivedProcess.start(r2, instance("VI_1", 100, ""))) {
                withLogs(run, keepalived, () -> Poll.until(START, "ours (110) master",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()));
                assertEquals("0", Files.readString(file).trim(), "init_file wrote the file");
                Files.writeString(file, "2\n");  // 110 - 2 * 10 = 90 < 100
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "keepalived master",
                        () -> r2.address("eth0", "192.0.2.240").isPresent()
                                && r1.address("eth0", "192.0.2.240").isEmpty()));
                assertFalse(run.log().contains("FAULT"), run.log());
                Files.writeString(file, "0\n");
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "ours master again",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()
                                && r2.address("eth0", "192.0.2.240").isEmpty()));
                Files.writeString(file, "-30\n");  // -30 * -10 = 300, clamped: no fault, priority 254
                Files.writeString(file, "30\n");   // 30 * -10 = -300: FAULT, as keepalived
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "ours in FAULT",
                        () -> run.log().contains("-> FAULT: tracked value track_file prio is 30")));
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void trackProcessQuorumLossPutsOursInFaultAndKeepalivedTakesOver() throws Exception {
        Path dir = Files.createTempDirectory("vrrp-it-trackproc-");
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            // A process name of our own: /proc is the host's, whatever the network namespace.
            Path sleeper = dir.resolve("vitproc" + ProcessHandle.current().pid() % 100000);
            Files.copy(Path.of("/bin/sleep"), sleeper);
            Files.setPosixFilePermissions(sleeper, PosixFilePermissions.fromString("rwx------"));
            String comm = sleeper.getFileName().toString();
            String ours = """
                    vrrp_track_process svc {
                        process %s
                        weight 0
                    }
                    """.formatted(comm) + instance("VI_1", 110, "    track_process {\n        svc\n    }\n");
            Process service = new ProcessBuilder(sleeper.toString(), "300").start();
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, ours);
                 KeepalivedProcess keepalived = KeepalivedProcess.start(r2, instance("VI_1", 100, ""))) {
                withLogs(run, keepalived, () -> Poll.until(START, "ours (110) master while the process runs",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()));
                service.destroyForcibly().waitFor();
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "keepalived master, ours in FAULT",
                        () -> r2.address("eth0", "192.0.2.240").isPresent()
                                && run.log().contains("(VI_1) MASTER -> FAULT: health check track_process svc")));
                service = new ProcessBuilder(sleeper.toString(), "300").start();
                withLogs(run, keepalived, () -> Poll.until(TAKEOVER, "ours master again",
                        () -> r1.address("eth0", "192.0.2.240").isPresent()
                                && r2.address("eth0", "192.0.2.240").isEmpty()));
            }
        } finally {
            ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.startsWith(dir.toString()))
                    .orElse(false)).forEach(ProcessHandle::destroyForcibly);
            deleteTree(dir);
        }
    }

    /** An executable {@code /bin/sh} script in {@code dir}. */
    private static Path shellScript(Path dir, String name, String body) throws java.io.IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * A VRRPv2 instance with no {@code virtual_ipaddress} (cloud files move the address with notify scripts):
     * keepalived runs it with a warning and adverts of no address; so does ours, and each takes the other's
     * adverts: ours (100) stays backup to keepalived (110), then, keepalived gone, is master, and a keepalived
     * started again at 90 stays backup to it. The wire shows count 0 from both.
     */
    @Test
    void noVipInstancesElectOneMasterWithKeepalivedAndAdvertiseNoAddress() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            String noVip = """
                    vrrp_instance VI_1 {
                        state BACKUP
                        interface eth0
                        virtual_router_id 40
                        priority %d
                        advert_int 1
                    }
                    """;
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, noVip.formatted(100))) {
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(r2, noVip.formatted(110))) {
                    withLogs(run, keepalived, () -> keepalived.awaitLog("Entering MASTER STATE", START));
                    keepalived.awaitLog("No VIP specified; at least one is sensible", Duration.ofSeconds(1));
                    // keepalived's adverts: VRRPv2 advert (0x21), VRID 40 (0x28), priority 110 (0x6e), count 0.
                    assertAdvertsFrom(r1, r2, "21286e00");
                    withLogs(run, keepalived, () -> run.awaitState("VI_1", "BACKUP", START));
                    assertEquals(r2.ipv4(), run.instance("VI_1").get("master_address"), "we heard keepalived");
                    assertFalse(run.log().contains("MASTER"), "ours never claimed\n" + run.log());
                    assertEquals(0, VrrpRunProcess.number(run.instance("VI_1"), "address_list_errors"));
                }
                run.awaitState("VI_1", "MASTER", TAKEOVER);
                assertAdvertsFrom(r2, r1, "21286400"); // ours: priority 100 (0x64), count 0
                try (KeepalivedProcess again = KeepalivedProcess.start(r2, noVip.formatted(90))) {
                    withLogs(run, again, () -> again.awaitLog("Entering BACKUP STATE", START));
                    assertAdvertsFrom(r2, r1, "21286400");
                    assertFalse(again.log().contains("Entering MASTER STATE"), "keepalived heard ours\n" + again.log());
                    assertFalse(again.log().contains("unexpected ip number count"), again.log());
                    assertEquals("MASTER", run.instance("VI_1").get("state"));
                }
            }
        }
    }

    /**
     * A VRRPv3 IPv6 instance whose first (here only) VIP is not link-local: RFC 9568 5.2.9 asks for a link-local
     * first address, keepalived 2.2.7 only notes it and runs, and takes such adverts; so does ours, both ways.
     */
    @Test
    void ipv6FirstVipNotLinkLocalElectsWithKeepalivedBothWays() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            String global = """
                    vrrp_instance VI_6 {
                        state BACKUP
                        interface eth0
                        virtual_router_id 46
                        priority %d
                        advert_int 1
                        virtual_ipaddress {
                            2001:db8::46/64
                        }
                    }
                    """;
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, global.formatted(100))) {
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(r2, global.formatted(110))) {
                    withLogs(run, keepalived, () -> Poll.until(START, "keepalived master with the VIP",
                            () -> r2.address("eth0", "2001:db8::46").isPresent()));
                    withLogs(run, keepalived, () -> Poll.until(START, "ours backup to keepalived's adverts", () ->
                            "BACKUP".equals(run.instance("VI_6").get("state"))
                                    && String.valueOf(run.instance("VI_6").get("master_address")).startsWith("fe80:")));
                    assertFalse(run.log().contains("MASTER"), "ours never claimed\n" + run.log());
                    assertTrue(run.log().contains("the first IPv6 VIP address should be link local"), run.log());
                }
                withLogs(run, null, () -> Poll.until(TAKEOVER, "ours master with the VIP",
                        () -> r1.address("eth0", "2001:db8::46").isPresent()));
                try (KeepalivedProcess again = KeepalivedProcess.start(r2, global.formatted(90))) {
                    withLogs(run, again, () -> again.awaitLog("Entering BACKUP STATE", START));
                    String adverts = r2.exec("timeout", "3.5", "tcpdump", "-n", "-c", "2", "-i", "eth0",
                            "ip6 proto 112").stdout();
                    assertTrue(adverts.lines().filter(l -> l.contains("ff02::12")).count() == 2
                            && adverts.lines().filter(l -> l.contains("ff02::12")).allMatch(l -> l.contains("prio 100")),
                            adverts);
                    assertFalse(again.log().contains("Entering MASTER STATE"), "keepalived heard ours\n" + again.log());
                    assertTrue(r2.address("eth0", "2001:db8::46").isEmpty());
                    assertEquals("MASTER", run.instance("VI_6").get("state"));
                }
            }
        }
    }

    /** Two adverts captured on {@code at}: all from {@code from}, each VRRP header starting with {@code header}. */
    private static void assertAdvertsFrom(Host at, Host from, String header) {
        String hex = at.exec("timeout", "3.5", "tcpdump", "-n", "-c", "2", "-x", "-i", "eth0", "ip proto 112").stdout();
        List<String> adverts = hex.lines().filter(l -> l.contains(" > 224.0.0.18")).toList();
        assertEquals(2, adverts.size(), hex);
        assertTrue(adverts.stream().allMatch(l -> l.contains(from.ipv4() + " > 224.0.0.18")), hex);
        // -x prints the IPv4 header (20 bytes) then the VRRP message, in 16-bit groups after each offset.
        for (String packet : hex.split("(?m)^(?=\\S)")) {
            if (packet.contains(" > 224.0.0.18")) {
                String bytes = packet.lines().filter(l -> l.strip().startsWith("0x"))
                        .map(l -> l.strip().replaceFirst("^0x[0-9a-f]{4}:", "").replaceAll("\\s+", ""))
                        .reduce("", String::concat);
                assertEquals(header, bytes.substring(40, 48), packet);
            }
        }
    }

    /** Runs {@code check}; a failure carries both routers' logs. */
    static void withLogs(VrrpRunProcess ours, KeepalivedProcess keepalived, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- vrrp run:\n" + ours.log() + "\n--- keepalived:\n"
                    + (keepalived == null ? "(not running)" : keepalived.log()), e);
        }
    }
}
