package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.millis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vrrp.VrrpRouter;

/**
 * The switch learns where the virtual MAC is from the frames the master sends with it: its forwarding table
 * (`bridge fdb` in the switch namespace) has 00:00:5e:00:01:33 (IPv6 00:00:5e:00:02:33) on the master's port, and
 * after a graceful failover on the new master's port within one advertisement interval of the new master holding
 * the VIP. The old master's inactive macvlan sends nothing that would pull the entry back.
 */
@RequiresRoot(tools = "bridge")
@Timeout(60)
class VirtualMacBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration ONE_ADVERT = Duration.ofSeconds(1);

    @ParameterizedTest(name = "v{0} {2}")
    @CsvSource({"2, 00:00:5e:00:01:33, 192.0.2.100/24", "3, 00:00:5e:00:02:33, 2001:db8::100/64"})
    void theSwitchLearnsTheNewMastersPortWithinOneAdvert(int version, String mac, String vip) throws Exception {
        List<String> vips = vip.contains(":") ? List.of("fe80::64/64", vip) : List.of(vip);
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            String portA = net.bridgePort(a, 0);
            String portB = net.bridgePort(b, 0);
            try (VrrpRouter ra = router(a, version, 150, vips).start();
                 VrrpRouter rb = router(b, version, 100, vips).start()) {
                Poll.until(WAIT, "a to be master", () -> a.address("vrrp.51", Routers.addressOf(vip)).isPresent());
                Poll.until(WAIT, "the switch to learn the virtual MAC on a's port " + portA,
                        () -> port(net, mac).equals(Optional.of(portA)));
                long t0 = System.nanoTime();
                Duration held = Routers.timeUntil("b to hold the VIP",
                        () -> b.address("vrrp.51", Routers.addressOf(vip)).isPresent(), WAIT, ra::close);
                Duration learned = Poll.elapsedUntil(t0, WAIT, Routers.FAST_POLL, "the switch to move " + mac
                        + " to b's port " + portB, () -> port(net, mac).equals(Optional.of(portB)));
                Duration lag = learned.minus(held);
                System.out.printf("MEASURED v%d: b holds the VIP %s after a's close, the switch has the virtual MAC"
                        + " on b's port %s after it: %s after b holds the VIP (bound: one advert, %s)%n", version,
                        millis(held), millis(learned), millis(lag), millis(ONE_ADVERT));
                assertTrue(lag.compareTo(ONE_ADVERT) <= 0, "learned " + millis(lag) + " after b held the VIP");
                Thread.sleep(2500);
                assertEquals(Optional.of(portB), port(net, mac), "nothing pulled it back to a's port");
            }
        }
    }

    private static VrrpRouter.Builder router(Host host, int version, int priority, List<String> vips) {
        return Routers.on(host, 51, priority, vips).version(version).virtualMac(true);
    }

    /** The port the switch's forwarding table has {@code mac} on (`bridge -j fdb show`), if any. */
    private static Optional<String> port(TestNetwork net, String mac) {
        String json = Command.run("ip", "netns", "exec", net.switchNamespace(), "bridge", "-j", "fdb", "show")
                .stdout();
        Matcher m = Pattern.compile("\\{[^{}]*\"mac\":\"" + mac + "\"[^{}]*\\}").matcher(json);
        while (m.find()) {
            Matcher port = Pattern.compile("\"ifname\":\"([^\"]+)\"").matcher(m.group());
            if (port.find() && !m.group().contains("\"permanent\"")) {
                return Optional.of(port.group(1));
            }
        }
        return Optional.empty();
    }
}
