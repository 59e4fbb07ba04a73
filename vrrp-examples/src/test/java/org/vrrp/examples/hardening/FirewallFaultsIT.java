package org.vrrp.examples.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.examples.it.VrrpRunProcess;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * Issue 7, faults a firewall or a foreign router makes, with {@code vrrp run} processes (advert 1 s):
 *
 * <ul>
 *   <li>nftables in the backup's namespace drops incoming IP protocol 112: the master, which still hears
 *       its peer, logs once that the peer (named) does not hear it and to check protocol 112 to
 *       224.0.0.18 in its firewall, and counts it; it stays MASTER throughout.</li>
 *   <li>the same rule on eth1 of both routers of a sync group: the backup's eth1 instance logs once that
 *       it hears no master on eth1 while its eth0 instance does, naming eth1 and protocol 112, and counts
 *       every held takeover; every instance keeps one master, nothing flaps. The master's instance on eth1
 *       cannot log anything true about it (backups are silent), which this test records too.</li>
 *   <li>a foreign router on the same VRID with another address list and a higher priority: our routers
 *       step down to it once, log the mismatch once, count every such advert, and do not flap.</li>
 *   <li>a split that heals while the lower master is stopped (the fault campaign's silent heal): B's VRRP
 *       dropped both ways until B is master and a client's entry for the VIP names B's MAC; B stopped,
 *       the rule removed, B resumed 1.5 s later, so that it reads A's queued advert before it sends one.
 *       Within 1 s the client's entry, read from the kernel, names A's MAC again.</li>
 * </ul>
 *
 * <p>"Once" is over an observation of 15 s or more, within the one-minute rate limit, while the cause
 * lasts; "no flapping" is: no transition in that time.
 */
@RequiresRoot(tools = "nft")
@Timeout(180)
class FirewallFaultsIT {
    private static final Duration START = MasterAndBackup.START;
    private static final Duration OBSERVE = Duration.ofSeconds(15);

    @Test
    void backupsFirewallDropsVrrpAndTheMasterSaysThePeerDoesNotHearIt() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            try (MasterAndBackup pair = MasterAndBackup.start(a, b)) {
                VrrpRunProcess ra = pair.master;
                VrrpRunProcess rb = pair.backup;
                long aTransitions = VrrpRunProcess.number(ra.instance("VI_51"), "transitions");
                int mark = ra.mark();
                dropVrrp(b, null);
                // B hears nothing, takes over after 3.6 s; A hears B as a lower-priority master 3 times.
                String warning = "peer " + b.ipv4() + " keeps advertising as master with lower priority 100"
                        + " while we are master: it does not hear our adverts. Check that its firewall lets IP"
                        + " protocol 112 to 224.0.0.18 in";
                ra.awaitLog(warning, mark, Duration.ofSeconds(10));
                Thread.sleep(OBSERVE.toMillis());
                String log = ra.log().substring(mark);
                assertEquals(1, occurrences(log, warning), log);
                Map<String, String> a51 = ra.instance("VI_51");
                assertEquals(1, VrrpRunProcess.number(a51, "peers_not_hearing_us"), a51.toString());
                assertEquals("MASTER", a51.get("state"));
                assertEquals(aTransitions, VrrpRunProcess.number(a51, "transitions"), log);
                assertEquals("MASTER", rb.instance("VI_51").get("state"), "B cannot hear A: " + rb.log());
                System.out.printf("firewall on B: A logged once: %s%n", lineWith(log, warning));
            }
        }
    }

    @Test
    void firewallOnOneSegmentOfASyncGroupHoldsTheBackupAndItNamesTheInterface() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            r1.attach(1);
            r2.attach(1);
            try (VrrpRunProcess p1 = VrrpRunProcess.start(r1, Confs.syncGroup("R1", 150), VrrpRunProcess.SMALL_HEAP)) {
                p1.awaitState("VI_0", "MASTER", START);
                p1.awaitState("VI_1", "MASTER", START);
                try (VrrpRunProcess p2 = VrrpRunProcess.start(r2, Confs.syncGroup("R2", 100),
                        VrrpRunProcess.SMALL_HEAP)) {
                    p2.awaitState("VI_0", "BACKUP", START);
                    p2.awaitState("VI_1", "BACKUP", START);
                    Map<String, Long> before = transitions(p1, p2);
                    int mark1 = p1.mark();
                    int mark2 = p2.mark();
                    dropVrrp(r1, "eth1");
                    dropVrrp(r2, "eth1");
                    String warning = "(VI_1) hears no master on eth1 while sync group G1 member VI_0 hears master "
                            + r1.ipv4(0) + " on eth0; staying BACKUP. Check that IP protocol 112 to 224.0.0.18 passes"
                            + " the firewalls on eth1";
                    p2.awaitLog(warning, mark2, Duration.ofSeconds(10));
                    Thread.sleep(OBSERVE.toMillis());
                    String log2 = p2.log().substring(mark2);
                    assertEquals(1, occurrences(log2, warning), log2);
                    long held = VrrpRunProcess.number(p2.instance("VI_1"), "sync_group_held_takeovers");
                    // The down timer (3.6 s) fires again and again while eth1 stays silent: each hold is counted.
                    assertTrue(held >= 4, "held takeovers " + held + "\n" + log2);
                    assertEquals(before, transitions(p1, p2), "no transition while eth1 is firewalled\n"
                            + p1.log() + "\n" + p2.log());
                    for (String inst : new String[] {"VI_0", "VI_1"}) {
                        assertEquals("MASTER", p1.instance(inst).get("state"));
                        assertEquals("BACKUP", p2.instance(inst).get("state"));
                    }
                    assertTrue(r1.address("eth0", "192.0.2.254").isPresent() && r1.address("eth1", "198.51.100.254").isPresent());
                    assertTrue(r2.address("eth0", "192.0.2.254").isEmpty() && r2.address("eth1", "198.51.100.254").isEmpty());
                    // R1's VI_1 receives nothing on eth1 with or without the firewall (a backup is silent), so
                    // it has nothing true to say and says nothing about eth1. Recorded so that a change is noticed.
                    String log1 = p1.log().substring(mark1);
                    assertTrue(!log1.contains("eth1") && !log1.contains("hear"), "R1 logged:\n" + log1);
                    System.out.printf("sync group firewall: R2 logged once: %s; held takeovers %d%n",
                            lineWith(log2, warning), held);
                }
            }
        }
    }

    /**
     * Another router on VRID 51 with other addresses (and a higher priority) is not this virtual router's
     * master: its adverts are dropped, logged once and counted, as keepalived 2.2.7 drops them
     * ({@code addr_list_err}), and nothing moves.
     */
    @Test
    void foreignRouterOnTheSameVridWithOtherAddressesIsDroppedLoggedCountedAndNothingFlaps() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host f = net.addHost("f");
            try (MasterAndBackup pair = MasterAndBackup.start(a, b)) {
                VrrpRunProcess ra = pair.master;
                VrrpRunProcess rb = pair.backup;
                int markA = ra.mark();
                int markB = rb.mark();
                String foreignConf = "# someone else's router on VRID 51\n"
                        + Confs.instance("VI_X", "eth0", 51, 250, "192.0.2.200/24");
                try (VrrpRunProcess foreign = VrrpRunProcess.start(f, foreignConf, VrrpRunProcess.SMALL_HEAP)) {
                    foreign.awaitState("VI_X", "MASTER", START);
                    Map<String, Long> before = transitions(ra, rb);
                    Thread.sleep(OBSERVE.toMillis());
                    assertEquals(before, transitions(ra, rb), "no flapping\n" + ra.log() + "\n" + rb.log());
                    String mismatch = "advert from " + f.ipv4() + " for VRID 51 lists [192.0.2.200], ours are"
                            + " [192.0.2.100]; dropped, as keepalived does: check both routers' virtual addresses";
                    for (VrrpRunProcess r : new VrrpRunProcess[] {ra, rb}) {
                        String log = r.log().substring(r == ra ? markA : markB);
                        assertEquals(1, occurrences(log, mismatch), log);
                        Map<String, String> i = r.instance("VI_51");
                        assertEquals(r == ra ? "MASTER" : "BACKUP", i.get("state"));
                        assertTrue(VrrpRunProcess.number(i, "address_list_errors") >= OBSERVE.toSeconds(),
                                "every advert of the foreign router counted: " + i);
                    }
                    assertEquals(a.ipv4(), rb.instance("VI_51").get("master_address"), "B still follows A");
                    assertFalse(ra.log().substring(markA).contains("MASTER -> BACKUP"), ra.log());
                    assertTrue(a.address("eth0", "192.0.2.100").isPresent() && b.address("eth0", "192.0.2.100").isEmpty());
                    assertTrue(f.address("eth0", "192.0.2.200").isPresent());
                    System.out.printf("foreign router: A logged once: %s; address-list errors %s%n",
                            lineWith(ra.log().substring(markA), mismatch), ra.instance("VI_51").get("address_list_errors"));
                }
            }
        }
    }

    @Test
    void aSplitThatHealsWhileTheLowerMasterIsStoppedLeavesTheClientOnTheHigherMaster() throws Exception {
        String vip = "192.0.2.100";
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            try (MasterAndBackup pair = MasterAndBackup.start(a, b)) {
                VrrpRunProcess rb = pair.backup;
                // A's second announcement (garp_master_delay, 5 s after it became master) must be behind us:
                // it would move the client back by itself, whatever B does.
                Thread.sleep(6_000);
                client.exec("ping", "-c", "1", "-W", "2", vip); // an entry for the VIP, on A's MAC
                assertEquals(Optional.of(a.mac()), client.neighbourMac("eth0", vip));
                dropVrrp(b, null);
                b.exec("nft", "add", "chain", "inet", "itfw", "output", "{ type filter hook output priority 0 ; }");
                b.exec("nft", "add", "rule", "inet", "itfw", "output", "ip", "protocol", "112", "drop");
                rb.awaitState("VI_51", "MASTER", Duration.ofSeconds(10));
                Poll.until(Duration.ofSeconds(3), "the client on B's MAC (B's announcement)",
                        () -> Optional.of(b.mac()).equals(client.neighbourMac("eth0", vip)));

                rb.signal("STOP");
                b.exec("nft", "delete", "table", "inet", "itfw");
                Thread.sleep(1_500); // A's adverts wait in B's socket; B's own advert is overdue
                assertEquals(Optional.of(b.mac()), client.neighbourMac("eth0", vip), "nothing moved the client yet");
                rb.signal("CONT");
                rb.awaitState("VI_51", "BACKUP", Duration.ofSeconds(3));
                // No traffic from the client from here on, so only an announcement can move its entry.
                Poll.until(Duration.ofSeconds(1), "the client's entry for " + vip + " back on A's MAC " + a.mac()
                        + " within 1 s of B stepping down (B's MAC " + b.mac() + ")\n" + rb.log() + pair.master.log(),
                        () -> Optional.of(a.mac()).equals(client.neighbourMac("eth0", vip)));
            }
        }
    }

    /** nftables in {@code host}'s namespace: drop incoming IP protocol 112, on {@code ifname} or on all. */
    private static void dropVrrp(Host host, String ifname) {
        host.exec("nft", "add", "table", "inet", "itfw");
        host.exec("nft", "add", "chain", "inet", "itfw", "input", "{ type filter hook input priority 0 ; }");
        if (ifname == null) {
            host.exec("nft", "add", "rule", "inet", "itfw", "input", "ip", "protocol", "112", "drop");
        } else {
            host.exec("nft", "add", "rule", "inet", "itfw", "input", "iifname", ifname, "ip", "protocol", "112", "drop");
        }
    }

    private static Map<String, Long> transitions(VrrpRunProcess... routers) {
        Map<String, Long> m = new java.util.TreeMap<>();
        int n = 0;
        for (VrrpRunProcess r : routers) {
            n++;
            for (Map<String, String> line : r.status()) {
                if ("instance".equals(line.get("kind"))) {
                    m.put(n + "/" + line.get("instance"), VrrpRunProcess.number(line, "transitions"));
                }
            }
        }
        return m;
    }


    private static int occurrences(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String lineWith(String log, String needle) {
        Matcher m = Pattern.compile("^.*" + Pattern.quote(needle) + ".*$", Pattern.MULTILINE).matcher(log);
        return m.find() ? m.group() : "(none)";
    }
}
