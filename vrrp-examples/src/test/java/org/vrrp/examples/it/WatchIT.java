package org.vrrp.examples.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.Poll;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * {@code vrrp watch} on a real segment with a real misconfiguration: two routers of one VRID whose
 * {@code auth_pass} differ. Each discards the other's adverts (RFC 2338 auth check), so both are
 * master: watch, on a third host, must name both anomalies on both rows.
 *
 * <p>Both routers are {@code vrrp run}: keepalived 2.2.7 in this situation keeps its VIP but stops
 * sending adverts once it has heard a higher priority with a wrong password (seen in a capture), so a
 * watcher cannot see it as a second master.
 */
@RequiresRoot
@Timeout(120)
class WatchIT {
    private static final Duration START = Duration.ofSeconds(20);

    private static String instance(int priority, String password) {
        return "vrrp_instance W {\n"
                + "    state BACKUP\n"
                + "    interface eth0\n"
                + "    virtual_router_id 40\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + "    authentication {\n"
                + "        auth_type PASS\n"
                + "        auth_pass " + password + "\n"
                + "    }\n"
                + "    virtual_ipaddress {\n"
                + "        192.0.2.240/24\n"
                + "    }\n"
                + "}\n";
    }

    @Test
    void twoMastersAndTheAuthMismatchAreShown() {
        try (TestNetwork net = TestNetwork.create()) {
            Host r1 = net.addHost("r1");
            Host r2 = net.addHost("r2");
            Host observer = net.addHost("obs");
            try (VrrpRunProcess ours = VrrpRunProcess.start(r1, instance(200, "ours"));
                 VrrpRunProcess other = VrrpRunProcess.start(r2, instance(100, "theirs"))) {
                Poll.until(START, "192.0.2.240 on R1 (ours, 200)", () -> r1.address("eth0", "192.0.2.240").isPresent());
                other.awaitLog("(W) BACKUP -> MASTER", 0, START);
                Poll.until(START, "192.0.2.240 on R2 too (it drops R1's adverts: wrong password)",
                        () -> r2.address("eth0", "192.0.2.240").isPresent());
                String table = observer.exec("java", "-jar", VrrpRunProcess.jar().toString(), "watch", "-i", "eth0",
                        "--once", "3s").stdout();
                List<String> rows = table.lines().filter(l -> l.startsWith("40 ")).toList();
                assertEquals(2, rows.size(), table + "\n" + other.log() + "\n" + ours.log());
                for (String row : rows) {
                    assertTrue(row.contains("two masters (192.0.2."), table);
                    assertTrue(row.contains("auth mismatch (pass:"), table);
                }
                assertTrue(rows.stream().anyMatch(r -> r.matches("40\\s+ipv4\\s+192\\.0\\.2\\.1\\s+master\\s+200\\s+1\\.00s\\s+v2"
                        + "\\s+pass:ours\\s.*")), table);
                assertTrue(rows.stream().anyMatch(r -> r.matches("40\\s+ipv4\\s+192\\.0\\.2\\.2\\s+master\\s+100\\s+1\\.00s\\s+v2"
                        + "\\s+pass:theirs\\s.*")), table);
            }
        }
    }
}
