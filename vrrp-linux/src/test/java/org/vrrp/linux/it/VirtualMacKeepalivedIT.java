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
 * Ours with {@code virtualMac(true)} and keepalived 2.2.7 with {@code use_vmac}, one virtual router, both roles, for
 * VRRPv2, VRRPv3 over IPv4 and VRRPv3 over IPv6. Judged by the kernel (the VIP on {@code vrrp.51} of one host
 * only), the wire (our adverts leave with the virtual MAC as Ethernet source, seen by tcpdump on keepalived's
 * host) and keepalived's log (it stays BACKUP while ours is master, takes over when ours closes, and complains of
 * nothing); ours hears keepalived as master with no receive error and takes over when keepalived stops.
 */
@RequiresRoot(tools = {"keepalived", "tcpdump"})
@Timeout(120)
class VirtualMacKeepalivedIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int VRID = 51;
    private static final String VMAC = "vrrp.51";

    enum Case {
        V2(2, "00:00:5e:00:01:33", "192.0.2.100/24"),
        V3_IPV4(3, "00:00:5e:00:01:33", "192.0.2.100/24"),
        V3_IPV6(3, "00:00:5e:00:02:33", "fe80::64/64", "2001:db8::100/64");

        final int version;
        final String mac;
        final List<String> vips;

        Case(int version, String mac, String... vips) {
            this.version = version;
            this.mac = mac;
            this.vips = List.of(vips);
        }

        boolean ipv6() {
            return vips.get(0).contains(":");
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void oursAndKeepalivedWithVirtualMacElectAndFailOverBothWays(Case c) throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host us = net.addHost("us");
            Host ka = net.addHost("ka");
            try (KeepalivedProcess k = oursMasterKeepalivedBackup(c, us, ka)) {
                try (VrrpRouter backup = start(us, c, 50)) {
                    InetAddress kaAddress = Inet.address(c.ipv6() ? linkLocal(ka) : ka.ipv4());
                    InstanceStats s = Poll.until(WAIT, "ours to hear keepalived as master",
                            () -> backup.stats().instances().get(0),
                            st -> kaAddress.equals(st.masterAddress()) && st.advertsReceived() >= 2);
                    assertEquals(VrrpState.BACKUP, s.state());
                    assertEquals(List.of(0L, 0L, 0L, 0L, 0L), List.of(s.ttlErrors(), s.versionErrors(),
                            s.authErrors(), s.intervalErrors(), s.addressListErrors()), "no receive error: " + s);
                    assertTrue(holds(ka, c) && !holds(us, c), "VIPs on keepalived only");
                    assertTrue(link(us).contains("\"proto_down\":true"), "our backup's macvlan is inactive: "
                            + link(us));
                    Duration takeover = Routers.timeUntil("ours to hold the VIPs on " + VMAC, () -> holds(us, c),
                            WAIT, k::stop);
                    System.out.printf("MEASURED %s keepalived stopped -> ours holds the VIPs after %s%n", c,
                            Routers.millis(takeover));
                    assertEquals(1, backup.stats().instances().get(0).priorityZeroReceived());
                    assertTrue(takeover.compareTo(Routers.skew(c.version, 50, 100).plus(Routers.SLACK)) <= 0,
                            "within our skew + 100 ms: " + Routers.millis(takeover));
                }
                KeepalivedInteropIT.assertNoComplaint(k.log());
            }
        }
    }

    /**
     * Ours (150) master first; keepalived (100) joins and must stay BACKUP for longer than its Master_Down_Interval
     * while our adverts, with the virtual MAC as source, reach it; then ours closes and keepalived takes over.
     */
    private static KeepalivedProcess oursMasterKeepalivedBackup(Case c, Host us, Host ka) throws Exception {
        try (VrrpRouter ours = start(us, c, 150)) {
            Poll.until(WAIT, "ours to hold the VIPs on " + VMAC, () -> holds(us, c));
            KeepalivedProcess k = KeepalivedProcess.start(ka, config(c));
            try {
                int backupAt = k.awaitLog("(VI_1) Entering BACKUP STATE", WAIT);
                try (PacketCapture wire = PacketCapture.start(ka, "eth0", List.of("-e", "-c", "2"),
                        "ether src " + c.mac + " and " + (c.ipv6() ? "ip6" : "ip") + " proto 112")) {
                    String frames = wire.awaitOutput(WAIT);
                    assertTrue(frames.contains(c.mac + " > "), "our adverts carry the virtual MAC: " + frames);
                }
                Thread.sleep(Routers.masterDown(c.version, 100, 100).plusSeconds(1).toMillis());
                assertTrue(k.log().indexOf("Entering MASTER STATE", backupAt) < 0,
                        c + ": keepalived stays BACKUP while ours is master:\n" + k.log());
                assertTrue(holds(us, c) && !holds(ka, c), "VIPs on ours only");
                assertEquals(VrrpState.MASTER, ours.state());
                Duration takeover = Routers.timeUntil("keepalived to hold the VIPs on " + VMAC, () -> holds(ka, c),
                        WAIT, ours::close);
                System.out.printf("MEASURED %s ours closed -> keepalived holds the VIPs on %s after %s%n", c, VMAC,
                        Routers.millis(takeover));
                assertTrue(takeover.compareTo(Routers.skew(c.version, 100, 100).plus(Routers.SLACK)) <= 0,
                        "within keepalived's skew + 100 ms: " + Routers.millis(takeover));
                assertTrue(!holds(us, c), "ours removed its VIPs");
                return k;
            } catch (Exception | Error e) {
                k.close();
                throw e;
            }
        }
    }

    private static boolean holds(Host h, Case c) {
        return Routers.holdsOn(h, VMAC, c.vips);
    }

    private static String link(Host h) {
        return h.exec("ip", "-j", "-d", "link", "show", "dev", VMAC).stdout();
    }

    private static String linkLocal(Host h) {
        return h.addresses("eth0").stream().map(IpJson.KernelAddress::address)
                .filter(a -> Inet.address(a).isLinkLocalAddress()).findFirst().orElseThrow();
    }

    private static VrrpRouter start(Host host, Case c, int priority) {
        return Routers.on(host, VRID, priority, c.vips).version(c.version).virtualMac(true).start();
    }

    static String config(Case c) {
        return """
                global_defs {
                    router_id vit_vmac
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    version %d
                    interface eth0
                    use_vmac
                    virtual_router_id %d
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                %s    }
                }
                """.formatted(c.version, VRID, c.vips.stream().map(v -> "        " + v + "\n")
                .reduce("", String::concat));
    }
}
