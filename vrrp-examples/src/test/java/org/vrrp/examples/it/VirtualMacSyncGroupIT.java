package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vrrp.linux.it.Command;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.KeepalivedProcess;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.Routers;
import org.vrrp.linux.it.TestNetwork;

/**
 * The seed's sync group ({@code scenarios/conf/sync-group.conf}: two segments, VI_0 on eth0 and VI_1 on eth1 in
 * sync group G1, nopreempt, auth PASS) with {@code use_vmac} in both instances: r1 runs {@code vrrp run} (150), r2
 * keepalived 2.2.7 (100), as {@code sync-group-link-failure.sh}. A client on both segments sees each gateway at its
 * virtual MAC (00:00:5e:00:01:0a, 00:00:5e:00:01:0b). r1's link on segment 1 fails: the group goes to r2, which
 * holds both VIPs on its macvlans vrrp.10 and vrrp.11, and the client's entries stay the virtual MACs while it
 * reaches both VIPs again; the link returns and r1, nopreempt, stays backup with no VIP.
 */
@RequiresRoot(tools = "keepalived")
@Timeout(150)
class VirtualMacSyncGroupIT {
    private static final Duration WAIT = Duration.ofSeconds(25);
    private static final String GW0 = "192.0.2.254";
    private static final String GW1 = "198.51.100.254";
    private static final String MAC0 = "00:00:5e:00:01:0a";
    private static final String MAC1 = "00:00:5e:00:01:0b";

    @ParameterizedTest(name = "r2: {0}")
    @ValueSource(strings = {"ours", "keepalived"})
    void syncGroupWithVirtualMacsFailsOverAsAWhole(String peer) throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            Host client = net.addHost("client");
            for (Host h : new Host[] {r1, r2, client}) {
                net.attach(h, 1);
            }
            try (VrrpRunProcess ours = VrrpRunProcess.start(r1, conf("R1", 150), VrrpRunProcess.SMALL_HEAP)) {
                Poll.until(WAIT, "r1 (ours) to hold both VIPs on its macvlans",
                        () -> holds(r1, "vrrp.10", GW0) && holds(r1, "vrrp.11", GW1));
                try (AutoCloseable other = startPeer(peer, r2)) {
                    Thread.sleep(4_600); // Master_Down_Interval + 1 s: r2 hears r1 and stays backup
                    assertFalse(holds(r2, "vrrp.10", GW0) || holds(r2, "vrrp.11", GW1), "r2 is backup");
                    client.exec("ping", "-c", "1", "-W", "5", GW0);
                    client.exec("ping", "-c", "1", "-W", "5", GW1);
                    assertEquals(Optional.of(MAC0), client.neighbourMac("eth0", GW0), "gateway 0 at its virtual MAC");
                    assertEquals(Optional.of(MAC1), client.neighbourMac("eth1", GW1), "gateway 1 at its virtual MAC");

                    net.setCarrier(r1, 1, false);
                    Poll.until(WAIT, "r2 (keepalived) to take both VIPs as a group",
                            () -> holds(r2, "vrrp.10", GW0) && holds(r2, "vrrp.11", GW1));
                    Poll.until(WAIT, "r1 to give up the VIP on segment 0", () -> !holds(r1, "vrrp.10", GW0));
                    client.exec("ping", "-c", "1", "-W", "5", GW0);
                    client.exec("ping", "-c", "1", "-W", "5", GW1);
                    if (peer.equals("ours")) {
                        assertEquals(Optional.of(MAC0), client.neighbourMac("eth0", GW0), "still the virtual MAC");
                        assertEquals(Optional.of(MAC1), client.neighbourMac("eth1", GW1), "still the virtual MAC");
                    } else {
                        System.out.printf("OBSERVED keepalived 2.2.7 use_vmac master: the client's entries are %s"
                                + " for %s and %s for %s (r2's physical MACs %s, %s)%n",
                                client.neighbourMac("eth0", GW0), GW0, client.neighbourMac("eth1", GW1), GW1,
                                r2.mac(0), r2.mac(1));
                        assertEquals(Optional.of(r2.mac(0)), client.neighbourMac("eth0", GW0),
                                "keepalived's own ARP request from the VIP taught the client its physical MAC");
                    }

                    int mark = ours.mark();
                    net.setCarrier(r1, 1, true);
                    ours.awaitLog("(VI_1) FAULT -> BACKUP", mark, WAIT);
                    Thread.sleep(4_600); // nopreempt: r1 must not take the group back
                    assertFalse(holds(r1, "vrrp.10", GW0) || holds(r1, "vrrp.11", GW1), "r1 stays backup:\n"
                            + ours.log());
                    assertTrue(holds(r2, "vrrp.10", GW0) && holds(r2, "vrrp.11", GW1), "r2 keeps the group");
                    assertTrue(link(r1, "vrrp.10").contains("\"proto_down\":true")
                            && link(r1, "vrrp.11").contains("\"proto_down\":true"), "r1's macvlans are inactive");
                }
            }
            assertFalse(exists(r1, "vrrp.10") || exists(r1, "vrrp.11"), "vrrp run removed its macvlans on exit");
        }
    }

    /** r2 at priority 100, started once r1 is master (nopreempt: whoever is master first stays), and backup. */
    private static AutoCloseable startPeer(String peer, Host r2) throws InterruptedException {
        AutoCloseable started;
        if (peer.equals("ours")) {
            VrrpRunProcess p = VrrpRunProcess.start(r2, conf("R2", 100), VrrpRunProcess.SMALL_HEAP);
            started = p;
            p.awaitLog("(VI_1) INITIALIZE -> BACKUP", 0, WAIT);
        } else {
            KeepalivedProcess k = KeepalivedProcess.start(r2, conf("R2", 100));
            started = k;
            k.awaitLog("(VI_1) Entering BACKUP STATE", WAIT);
        }
        return started;
    }

    /** The seed file with {@code use_vmac} in both instances, after their {@code interface} line. */
    private static String conf(String name, int priority) {
        return ScenarioConf.fill("sync-group.conf", Map.of("NAME", name, "PRIO", Integer.toString(priority)))
                .replace("    interface eth0\n", "    interface eth0\n    use_vmac\n")
                .replace("    interface eth1\n", "    interface eth1\n    use_vmac\n");
    }

    private static boolean holds(Host h, String ifname, String address) {
        return Routers.holdsOn(h, ifname, List.of(address));
    }

    private static String link(Host h, String ifname) {
        return h.exec("ip", "-j", "-d", "link", "show", "dev", ifname).stdout();
    }

    private static boolean exists(Host h, String ifname) {
        return h.execUnchecked(Command.DEFAULT_TIMEOUT, "ip", "link", "show", "dev", ifname).exitCode() == 0;
    }
}
