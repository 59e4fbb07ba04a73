package org.vrrp.examples.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vrrp.linux.it.Host;
import org.vrrp.linux.it.KeepalivedProcess;
import org.vrrp.linux.it.RequiresRoot;
import org.vrrp.linux.it.TestNetwork;

/**
 * A measurement, not a CI test: {@link HostileFloodIT}'s flood (same seed, rate and length) against a
 * keepalived 2.2.7 master and backup with the same configuration, for the comparison figures in
 * docs/failure-modes.md. It asserts only that the measurement is valid (the flood ran at rate, the
 * master advertised before it) and prints what keepalived did; whether keepalived copes is recorded,
 * never required. A measurement, not a test: its name does not end in IT, so failsafe runs it only when
 * named ({@code -Dit.test=KeepalivedFloodMeasurement}), and then only with
 * {@code -Dvrrp.measure.keepalived=true}.
 */
@EnabledIfSystemProperty(named = "vrrp.measure.keepalived", matches = "true")
@RequiresRoot(tools = {"keepalived", "tcpdump"})
@Timeout(240)
class KeepalivedFloodMeasurement {
    private static final int RATE = 5_000;
    private static final Duration FLOOD = Duration.ofSeconds(20);

    @Test
    void keepalivedUnderTheSameFlood() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host obs = net.addHost("obs");
            Host fl = net.addHost("fl");
            try (KeepalivedProcess master = KeepalivedProcess.start(a, Confs.single("A", 200))) {
                master.awaitLog("(VI_51) Entering MASTER STATE", Duration.ofSeconds(30));
                try (KeepalivedProcess backup = KeepalivedProcess.start(b, Confs.single("B", 100));
                     WireAdverts wire = WireAdverts.start(obs, "eth0", a.ipv4(), b.ipv4())) {
                    backup.awaitLog("(VI_51) Entering BACKUP STATE", Duration.ofSeconds(30));
                    Thread.sleep(2_000);
                    assertTrue(!wire.from(a.ipv4()).isEmpty(), "keepalived master advertises before the flood");
                    int logMark = master.log().length();
                    long floodStart = System.currentTimeMillis() * 1000;
                    HostileTraffic traffic = new HostileTraffic(7, 51, Confs.PASSWORD, 1, InetAddress.getByName("192.0.2.100"));
                    Flooder.Result sent = Flooder.start(fl.namespace(), "eth0", traffic, RATE, FLOOD)
                            .get(FLOOD.toSeconds() + 30, TimeUnit.SECONDS);
                    long floodEnd = System.currentTimeMillis() * 1000;
                    Thread.sleep(2_000);
                    assertTrue(sent.total() >= RATE * FLOOD.toSeconds() * 9 / 10, "the flood ran at rate: " + sent);

                    List<WireAdverts.Advert> fromA = wire.from(a.ipv4());
                    double gap = WireAdverts.longestGapMillis(fromA, floodStart - 1_500_000, floodEnd + 1_500_000);
                    long backupAdverts = wire.from(b.ipv4()).size();
                    long lines = master.log().substring(logMark).lines().count();
                    System.out.printf("keepalived under the flood: %d packets; longest gap between the master's adverts"
                                    + " %.1f ms; adverts from the backup %d; master logged %d lines; backup entered MASTER"
                                    + " %d times%n", sent.total(), gap, backupAdverts, lines,
                            backup.log().split("Entering MASTER STATE", -1).length - 1);
                    master.log().lines().filter(l -> l.contains("Entering") || l.contains("priority"))
                            .limit(20).forEach(l -> System.out.println("keepalived master: " + l));
                    backup.log().lines().filter(l -> l.contains("Entering"))
                            .forEach(l -> System.out.println("keepalived backup: " + l));
                }
            }
        }
    }
}
