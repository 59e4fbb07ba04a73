package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vrrp.InstanceStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Ours with {@code virtualMac(true)} and FRR's vrrpd (8.x), VRRPv3 over IPv4 and over IPv6, both roles. FRR needs
 * a macvlan with the virtual MAC on the interface, carrying the VIPs, which it keeps protodown unless it is master;
 * the test creates it as FRR's documentation says. Judged by the kernel (our VIPs on {@code vrrp.51}, FRR's
 * macvlan's protodown), FRR's log (its state changes) and our stats (FRR heard as master, no receive error).
 */
@RequiresRoot(tools = {FrrProcess.ZEBRA, FrrProcess.VRRPD})
@Timeout(120)
class VirtualMacFrrIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int VRID = 51;
    private static final String VMAC = "vrrp.51";

    enum Case {
        IPV4("vrrp4-51", "00:00:5e:00:01:33", "ip", "192.0.2.100/24"),
        IPV6("vrrp6-51", "00:00:5e:00:02:33", "ipv6", "fe80::64/64", "2001:db8::100/64");

        final String frrMacvlan;
        final String mac;
        final String frrKeyword;
        final List<String> vips;

        Case(String frrMacvlan, String mac, String frrKeyword, String... vips) {
            this.frrMacvlan = frrMacvlan;
            this.mac = mac;
            this.frrKeyword = frrKeyword;
            this.vips = List.of(vips);
        }

        String family() {
            return this == IPV4 ? "[IPv4]" : "[IPv6]";
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void oursAndFrrElectAndFailOverBothWays(Case c) throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host us = net.addHost("us");
            Host fr = net.addHost("frr");
            frrMacvlan(fr, c);
            try (VrrpRouter master = start(us, c, 150)) {
                Poll.until(WAIT, "ours to hold the VIPs on vrrp.51", () -> holds(us, c));
                try (FrrProcess frr = FrrProcess.start(fr, frrConfig(c))) {
                    int backupAt = frr.awaitLog(c.family() + " Initialize -> Backup", 0, WAIT);
                    Thread.sleep(Routers.masterDown(3, 100, 100).plusSeconds(1).toMillis());
                    assertTrue(frr.vrrpdLog().indexOf(c.family() + " Backup -> Master", backupAt) < 0,
                            "FRR stays Backup while ours is master:\n" + frr.vrrpdLog());
                    assertTrue(protoDown(fr, c.frrMacvlan), "FRR's backup macvlan is protodown: " + link(fr, c));
                    assertTrue(holds(us, c), "ours still holds the VIPs");

                    Duration takeover = Routers.timeUntil("FRR's macvlan to come out of protodown",
                            () -> !protoDown(fr, c.frrMacvlan), WAIT, master::close);
                    frr.awaitLog(c.family() + " Backup -> Master", backupAt, WAIT);
                    System.out.printf("MEASURED FRR %s: ours closed -> FRR master (macvlan up) after %s (FRR's skew %s)%n",
                            c, Routers.millis(takeover), Routers.millis(Routers.skew(3, 100, 100)));
                    assertTrue(takeover.compareTo(Routers.skew(3, 100, 100).plus(Routers.SLACK)) <= 0,
                            "FRR took over within its skew + 100 ms after our priority 0: " + Routers.millis(takeover));

                    try (VrrpRouter backup = start(us, c, 50)) {
                        // FRR sends IPv4 adverts from eth0's address, IPv6 ones from a link-local of its macvlan
                        // (8.4 takes the first, here the fe80::64 VIP)
                        List<InetAddress> frrAddresses = c == Case.IPV4 ? List.of(Inet.address(fr.ipv4()))
                                : linkLocals(fr, c.frrMacvlan);
                        InstanceStats s = Poll.until(WAIT, "ours to hear FRR as master from one of " + frrAddresses,
                                () -> backup.stats().instances().get(0),
                                st -> st.masterAddress() != null && frrAddresses.contains(st.masterAddress())
                                        && st.advertsReceived() >= 2);
                        assertEquals(VrrpState.BACKUP, s.state());
                        assertEquals(100, s.masterPriority());
                        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), List.of(s.ttlErrors(), s.versionErrors(),
                                s.authErrors(), s.intervalErrors(), s.addressListErrors()), "no receive error: " + s);
                        assertTrue(!holds(us, c) && protoDown(us, "vrrp.51"), "ours is backup, macvlan protodown");
                        Duration back = Routers.timeUntil("ours to hold the VIPs", () -> holds(us, c), WAIT,
                                frr::stopVrrpd);
                        System.out.printf("MEASURED FRR %s: vrrpd stopped -> ours holds the VIPs after %s%n", c,
                                Routers.millis(back));
                        assertEquals(1, backup.stats().instances().get(0).priorityZeroReceived(),
                                "FRR left with priority 0");
                        assertTrue(back.compareTo(Routers.skew(3, 50, 100).plus(Routers.SLACK)) <= 0,
                                "ours took over within its skew + 100 ms: " + Routers.millis(back));
                    }
                }
            }
        }
    }

    /** FRR's macvlan, as its documentation has it: bridge mode, the virtual MAC, the VIPs on it. */
    private static void frrMacvlan(Host fr, Case c) {
        fr.ip("link", "add", c.frrMacvlan, "link", "eth0", "address", c.mac, "type", "macvlan", "mode", "bridge");
        if (c == Case.IPV6) {
            // a link-local of its own for FRR to send from; random, as FRR's documentation uses
            fr.ip("link", "set", c.frrMacvlan, "addrgenmode", "random");
        }
        fr.ip("link", "set", c.frrMacvlan, "up");
        for (String vip : c.vips) {
            fr.ip("addr", "add", vip, "dev", c.frrMacvlan, "nodad");
        }
        if (c == Case.IPV6) {
            Poll.until(WAIT, "FRR's macvlan to have a usable link-local address",
                    () -> fr.addresses(c.frrMacvlan).stream().anyMatch(a -> a.address().startsWith("fe80")
                            && !IpJson.sameAddress(a.address(), "fe80::64") && !a.tentative()));
        }
    }

    private static String frrConfig(Case c) {
        StringBuilder b = new StringBuilder("hostname vit-vrrpd\ninterface eth0\n")
                .append(" vrrp 51 version 3\n vrrp 51 priority 100\n vrrp 51 advertisement-interval 1000\n");
        for (String vip : c.vips) {
            b.append(" vrrp 51 ").append(c.frrKeyword).append(' ').append(Routers.addressOf(vip)).append('\n');
        }
        return b.toString();
    }

    private static boolean holds(Host h, Case c) {
        return Routers.holdsOn(h, VMAC, c.vips);
    }

    private static boolean protoDown(Host h, String ifname) {
        return h.exec("ip", "-j", "-d", "link", "show", "dev", ifname).stdout().contains("\"proto_down\":true");
    }

    private static String link(Host h, Case c) {
        return h.exec("ip", "-d", "link", "show", "dev", c.frrMacvlan).stdout();
    }

    /** The link-local addresses of FRR's macvlan: FRR sends IPv6 adverts from one of them. */
    private static List<InetAddress> linkLocals(Host h, String ifname) {
        return h.addresses(ifname).stream().map(IpJson.KernelAddress::address).filter(a -> a.startsWith("fe80"))
                .map(Inet::address).toList();
    }

    private static VrrpRouter start(Host host, Case c, int priority) {
        return Routers.on(host, VRID, priority, c.vips).version(3).virtualMac(true).start();
    }
}
