package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;
import org.vrrp.linux.it.ThreadScheduling;

/**
 * {@code vrrp run} as a process: refusing a broken file at start with a non-zero exit and a reason,
 * SIGHUP applying a changed priority and VIP list without leaving MASTER (the kernel keeps the VIP
 * throughout; {@code vrrp watch} on another host sees the new advert), and SIGHUP refusing a broken
 * file while the running configuration carries on; SIGTERM stopping it with exit status 0.
 */
@RequiresRoot
@Timeout(120)
class RunCommandIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration TAKEOVER = Duration.ofSeconds(5);
    private static final Duration NO_CHANGE = Duration.ofMillis(4600);

    /** The tool's own lines on stdout/stderr ("vrrp run: ..."), without the log lines. */
    private static List<String> toolLines(String output) {
        return output.lines().filter(l -> l.startsWith("vrrp run: ")).toList();
    }

    @Test
    void aBrokenFileExitsWithStatus1AndItsReason() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            String broken = ScenarioConf.fill("notify-service.conf",
                    Map.of("NAME", "R1", "PRIO", "300", "SERVICE", "/bin/true"));
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, broken)) {
                assertEquals(1, run.awaitExit(START), run.log());
                assertTrue(run.log().lines().anyMatch(l -> l.matches(".*keepalived\\.conf:\\d+: priority 300 .*")),
                        run.log());
                List<String> reason = toolLines(run.log());
                assertEquals(1, reason.size(), "one error, one line: " + run.log());
                assertTrue(reason.get(0).matches("vrrp run: .*keepalived\\.conf:\\d+: priority 300 .*"), reason.get(0));
                assertFalse(r1.address("eth0", "192.0.2.254").isPresent());
            }
            String noInterface = ScenarioConf.fill("sync-group.conf", Map.of("NAME", "R1", "PRIO", "150"));
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, noInterface)) {
                // r1 has eth0 only: eth1 of VI_1 is an environment error, reported in one line.
                assertEquals(1, run.awaitExit(START), run.log());
                List<String> lines = toolLines(run.log());
                assertEquals(1, lines.size(), run.log());
                assertTrue(lines.get(0).contains("eth1"), run.log());
            }
        }
    }

    /** {@code vrrp_rt_priority 10} in global_defs: the kernel runs the protocol thread of {@code vrrp run} SCHED_RR 10. */
    @Test
    void vrrpRtPriorityPutsTheProtocolThreadUnderSchedRr() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            String conf = "global_defs {\n    vrrp_rt_priority 10\n}\n" + ScenarioConf.fill("notify-service.conf",
                    Map.of("NAME", "R1", "PRIO", "150", "SERVICE", "/bin/true"));
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, conf)) {
                run.awaitLog("(SVC) BACKUP -> MASTER", 0, START);
                ThreadScheduling.Sched protocol = ThreadScheduling.thread(Long.toString(run.pid()), "vrrp-SVC-protocol");
                assertEquals(ThreadScheduling.SCHED_RR, protocol.policy(), protocol + "\n" + run.log());
                assertEquals(10, protocol.rtPriority(), protocol.toString());
                assertTrue(run.log().contains("vrrp-SVC-protocol runs at real-time priority 10 (SCHED_RR)"), run.log());
            }
        }
    }

    @Test
    void sighupAppliesPriorityAndVipsWithoutLeavingMasterAndRefusesABrokenFile() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host observer = net.addHost("obs");
            String conf = ScenarioConf.fill("notify-service.conf",
                    Map.of("NAME", "R1", "PRIO", "150", "SERVICE", "/bin/true"));
            try (VrrpRunProcess ours = VrrpRunProcess.start(r1, conf)) {
                Poll.until(START, "R1 master", () -> r1.address("eth0", "192.0.2.254").isPresent());
                ours.awaitLog("(SVC) BACKUP -> MASTER", 0, TAKEOVER);

                // While reloading, the kernel is sampled: a router that left MASTER would drop the VIP.
                AtomicBoolean sampling = new AtomicBoolean(true);
                AtomicInteger vipMissing = new AtomicInteger();
                Thread sampler = new Thread(() -> {
                    while (sampling.get()) {
                        if (r1.address("eth0", "192.0.2.254").isEmpty()) {
                            vipMissing.incrementAndGet();
                        }
                    }
                }, "vip-sampler");
                sampler.start();
                try {
                    // Priority 150 -> 120 and a second VIP. (No keepalived peer here: one whose VIP list
                    // differs discards our adverts, as RFC 3768 says it may, and would take over.)
                    int mark = ours.mark();
                    ours.rewrite(conf.replace("priority 150", "priority 120")
                            .replace("192.0.2.254/24\n", "192.0.2.254/24\n        192.0.2.253/24\n"));
                    ours.signal("HUP");
                    ours.awaitLog("reloaded", mark, TAKEOVER);
                    Poll.until(TAKEOVER, "192.0.2.253 added by the reload",
                            () -> r1.address("eth0", "192.0.2.253").isPresent());
                    String first = watch(observer);
                    assertTrue(first.lines().anyMatch(l -> l.matches(
                            "30\\s+ipv4\\s+192\\.0\\.2\\.1\\s+master\\s+120\\s.*192\\.0\\.2\\.254,192\\.0\\.2\\.253\\s.*")),
                            first);
                    assertFalse(ours.log().substring(mark).contains("(SVC) MASTER ->"), ours.log());

                    // A broken file: refused with a log line; the running config (120, two VIPs) carries on.
                    mark = ours.mark();
                    ours.rewrite(conf.replace("priority 150", "priority 0"));
                    ours.signal("HUP");
                    ours.awaitLog("refused, the running configuration stays", mark, TAKEOVER);
                    String table = watch(observer);
                    assertTrue(table.lines().anyMatch(l -> l.matches(
                            "30\\s+ipv4\\s+192\\.0\\.2\\.1\\s+master\\s+120\\s.*")), table);
                    assertTrue(ours.isAlive(), ours.log());
                    assertFalse(ours.log().substring(mark).contains("(SVC) MASTER ->"), ours.log());
                    assertTrue(r1.address("eth0", "192.0.2.253").isPresent());
                } finally {
                    sampling.set(false);
                    sampler.join();
                }
                assertEquals(0, vipMissing.get(), "samples without 192.0.2.254 on R1 during the reloads");

                // SIGTERM: a graceful stop is a success for systemd and scripts (exit 0, not the JVM's 143).
                ours.signal("TERM");
                assertEquals(0, ours.awaitExit(TAKEOVER), ours.log());
                assertTrue(ours.log().contains("(SVC) MASTER -> INITIALIZE: shutdown"), ours.log());
                assertTrue(r1.address("eth0", "192.0.2.254").isEmpty(), "VIP removed on stop");
            }
        }
    }

    /** {@code vrrp watch --once 2.5s} on the observer: 2.5 adverts of a 1 s master. */
    private static String watch(Host observer) {
        return observer.exec("java", "-jar", VrrpRunProcess.jar().toString(), "watch", "-i", "eth0",
                "--once", "2.5s").stdout();
    }

    /**
     * A SIGHUP as soon as the router prints its first line, while it is still starting: the fault
     * campaign's RELOAD right after a restart killed the JVM there (the JVM's own SIGHUP action is to
     * exit; the tool installed its handler only once started). Now the reload waits for the start.
     */
    @Test
    void aSighupWhileStartingIsAppliedOnceStartedAndDoesNotKillIt() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            String conf = ScenarioConf.fill("notify-service.conf",
                    Map.of("NAME", "R1", "PRIO", "150", "SERVICE", "/bin/true"));
            try (VrrpRunProcess run = VrrpRunProcess.start(r1, conf)) {
                long deadline = System.nanoTime() + START.toNanos();
                while (run.log().isEmpty() && run.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1); // as tight as a poll gets: the window was the few ms before "running"
                }
                run.signal("HUP");
                int running = run.awaitLog("] running ", 0, START);
                run.awaitLog("] reloaded ", running, START);
                assertTrue(run.isAlive(), run.log());
            }
        }
    }

    /**
     * Started under nohup, the process inherits SIGHUP ignored, and the JVM then silently does not install a handler
     * for it: the fault campaign, run with nohup, found that its routers never reloaded. keepalived reloads all the
     * same, and so must we. Checked in the kernel's view of the process too (/proc/PID/status: caught, not ignored).
     */
    @Test
    void aSighupReloadsAlsoWhenTheProcessWasStartedUnderNohup() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            String conf = ScenarioConf.fill("notify-service.conf",
                    Map.of("NAME", "R1", "PRIO", "150", "SERVICE", "/bin/true"));
            try (VrrpRunProcess run = VrrpRunProcess.startUnderNohup(r1, conf)) {
                int running = run.awaitLog("] running ", 0, START);
                String status = Files.readString(Path.of("/proc/" + run.pid() + "/status"));
                long ignored = signalMask(status, "SigIgn");
                long caught = signalMask(status, "SigCgt");
                assertEquals(0, ignored & 1, "SIGHUP is not ignored any more: " + status);
                assertEquals(1, caught & 1, "SIGHUP is caught: " + status);
                run.signal("HUP");
                run.awaitLog("] reloaded ", running, START);
                assertTrue(run.isAlive(), run.log());
            }
        }
    }

    private static long signalMask(String procStatus, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s+([0-9a-f]+)$")
                .matcher(procStatus);
        assertTrue(m.find(), field + " in " + procStatus);
        return Long.parseUnsignedLong(m.group(1), 16);
    }
}
