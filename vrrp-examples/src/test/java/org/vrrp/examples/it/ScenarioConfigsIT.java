package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.KeepalivedProcess;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * The scenario configs ({@code scenarios/conf/}) through {@code vrrp run -f} beside a real keepalived
 * 2.2.7, checked through the kernel: which namespace holds the VIP. The scenario scripts show the same
 * setups with hosts pinging; these tests are the pass/fail part that runs in CI.
 *
 * <p>Deadlines come from the protocol: with advert_int 1 the Master_Down_Interval is 3 s plus a skew
 * under 1 s, so a takeover is waited for 5 s; start-up is allowed 20 s for the JVM on a loaded machine.
 * A check that something does NOT happen (no failback) waits Master_Down_Interval + 1 s, the time in
 * which it would have happened.
 */
@RequiresRoot(tools = "keepalived")
@Timeout(180)
class ScenarioConfigsIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration TAKEOVER = Duration.ofSeconds(5);
    private static final Duration NO_CHANGE = Duration.ofMillis(4600);
    private static final String VIP0 = "192.0.2.254";
    private static final String VIP1 = "198.51.100.254";

    private static boolean has(Host host, String ifname, String address) {
        return host.address(ifname, address).isPresent();
    }

    private static void awaitVip(Host host, String ifname, String address, Duration timeout) {
        Poll.until(timeout, address + " on " + host, () -> has(host, ifname, address));
    }

    private static void awaitNoVip(Host host, String ifname, String address, Duration timeout) {
        Poll.until(timeout, address + " gone from " + host, () -> !has(host, ifname, address));
    }

    @Test
    void syncGroupFailsOverOnLinkLossAndDoesNotFailBackWithNopreempt() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            net.attach(r1, 1);
            net.attach(r2, 1);
            try (VrrpRunProcess ours = VrrpRunProcess.start(r1,
                    ScenarioConf.fill("sync-group.conf", Map.of("NAME", "R1", "PRIO", "150")))) {
                awaitVip(r1, "eth0", VIP0, START);
                awaitVip(r1, "eth1", VIP1, TAKEOVER);
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(r2,
                        ScenarioConf.fill("sync-group.conf", Map.of("NAME", "R2", "PRIO", "100")))) {
                    keepalived.awaitLog("(VI_1) Entering BACKUP STATE", START);
                    Thread.sleep(NO_CHANGE.toMillis()); // keepalived must stay backup: it hears R1's auth'd adverts
                    assertFalse(has(r2, "eth0", VIP0), keepalived.log());

                    net.setCarrier(r1, 1, false);
                    awaitVip(r2, "eth1", VIP1, TAKEOVER);
                    awaitVip(r2, "eth0", VIP0, TAKEOVER);
                    awaitNoVip(r1, "eth0", VIP0, TAKEOVER);
                    assertTrue(ours.log().contains("(VI_1) MASTER -> FAULT: link eth1 lost carrier"), ours.log());

                    int mark = ours.mark();
                    net.setCarrier(r1, 1, true);
                    ours.awaitLog("(VI_1) FAULT -> BACKUP", mark, TAKEOVER);
                    Thread.sleep(NO_CHANGE.toMillis()); // nopreempt: R1 (150) must not take back from R2 (100)
                    assertFalse(has(r1, "eth0", VIP0), ours.log());
                    assertFalse(has(r1, "eth1", VIP1), ours.log());
                    assertTrue(has(r2, "eth0", VIP0) && has(r2, "eth1", VIP1), keepalived.log());
                }
            }
        }
    }

    @Test
    void healthCheckHandsTheVipToAnRfc3768RouterAndPreemptsBack(@TempDir Path dir) throws Exception {
        Path healthy = dir.resolve("healthy");
        Path check = script(dir.resolve("check.sh"), "test -f " + healthy);
        Files.createFile(healthy);
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            try (VrrpRunProcess ours = VrrpRunProcess.start(r1,
                    ScenarioConf.fill("health-gateway.conf", Map.of("NAME", "R1", "CHECK", check.toString())))) {
                awaitVip(r1, "eth0", VIP0, START);
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(r2,
                        ScenarioConf.fill("rfc3768-router.conf", Map.of("NAME", "R2")))) {
                    keepalived.awaitLog("(GW) Entering BACKUP STATE", START);

                    int mark = ours.mark();
                    Files.delete(healthy);
                    // fall 2 x interval 1 s (+ timeout 1 s), then priority 0 makes keepalived take over at once.
                    ours.awaitLog("(GW) MASTER -> FAULT", mark, TAKEOVER);
                    awaitVip(r2, "eth0", VIP0, TAKEOVER);
                    awaitNoVip(r1, "eth0", VIP0, TAKEOVER);

                    mark = ours.mark();
                    Files.createFile(healthy);
                    // rise 2 x 1 s to BACKUP, then Master_Down_Interval 3.04 s until R1 (245) preempts R2 (240).
                    ours.awaitLog("(GW) FAULT -> BACKUP", mark, TAKEOVER);
                    awaitVip(r1, "eth0", VIP0, TAKEOVER);
                    awaitNoVip(r2, "eth0", VIP0, TAKEOVER);
                    assertTrue(ours.log().contains("(GW) BACKUP -> MASTER: preempting lower priority 240"), ours.log());
                }
            }
        }
    }

    @Test
    void notifyScriptsFollowAPlannedHandoverByLoweringThePriority(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events");
        // The "service": its start and stop are lines in a file, in the order the notify scripts ran.
        Path service = script(dir.resolve("service.sh"), "echo \"$1 $2\" >> " + events);
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            Map<String, String> r1Values = Map.of("NAME", "R1", "PRIO", "150", "SERVICE", service + " R1");
            try (VrrpRunProcess ours = VrrpRunProcess.start(r1, ScenarioConf.fill("notify-service.conf", r1Values))) {
                awaitVip(r1, "eth0", VIP0, START);
                Poll.until(TAKEOVER, "R1 start in " + events, () -> lastEvent(events, "R1").equals("R1 start"));
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(r2, ScenarioConf.fill(
                        "notify-service.conf", Map.of("NAME", "R2", "PRIO", "100", "SERVICE", service + " R2")))) {
                    keepalived.awaitLog("(SVC) Entering BACKUP STATE", START);
                    Poll.until(TAKEOVER, "R2 stop in " + events, () -> lastEvent(events, "R2").equals("R2 stop"));

                    int mark = ours.mark();
                    ours.rewrite(ScenarioConf.fill("notify-service.conf",
                            Map.of("NAME", "R1", "PRIO", "50", "SERVICE", service + " R1")));
                    ours.signal("HUP");
                    ours.awaitLog("reloaded", mark, TAKEOVER);
                    // keepalived (preempt, 100) ignores priority 50 and takes over after 3.6 s.
                    awaitVip(r2, "eth0", VIP0, TAKEOVER);
                    ours.awaitLog("(SVC) MASTER -> BACKUP: higher priority 100", mark, TAKEOVER);
                    awaitNoVip(r1, "eth0", VIP0, TAKEOVER);
                    Poll.until(TAKEOVER, "R1 stop and R2 start in " + events, () ->
                            lastEvent(events, "R1").equals("R1 stop") && lastEvent(events, "R2").equals("R2 start"));

                    mark = ours.mark();
                    net.setCarrier(r2, 0, false);
                    keepalived.awaitLog("(SVC) Entering FAULT STATE", TAKEOVER);
                    Poll.until(TAKEOVER, "R2 stop after FAULT", () -> lastEvent(events, "R2").equals("R2 stop"));
                    ours.awaitLog("(SVC) BACKUP -> MASTER", mark, TAKEOVER);
                    awaitVip(r1, "eth0", VIP0, TAKEOVER);
                    Poll.until(TAKEOVER, "R1 start again", () -> lastEvent(events, "R1").equals("R1 start"));
                }
            }
        }
    }

    static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static String lastEvent(Path events, String router) {
        try {
            if (!Files.exists(events)) {
                return "";
            }
            return Files.readAllLines(events).stream().filter(l -> l.startsWith(router + " "))
                    .reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
