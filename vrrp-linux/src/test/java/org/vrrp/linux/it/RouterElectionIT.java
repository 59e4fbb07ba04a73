package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;
import static org.vrrp.linux.it.Routers.holdsNone;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vrrp.InstanceStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Two of our routers on one LAN, each in its own namespace, with a client: the library owns a VIP for
 * real. For VRRPv2 over IPv4 and VRRPv3 over IPv4 and IPv6, it shows through the kernel (`ip -j addr`,
 * `ip neigh`, ping), not through the routers' own state:
 * <ul>
 *   <li>election: the higher priority becomes master, and the VIP is on the master only;</li>
 *   <li>the client reaches the VIP at the master (its neighbour entry holds the master's MAC);</li>
 *   <li>graceful close of the master: the backup holds the VIP within its Skew_Time + 100 ms of the
 *       call, and the old master holds it no longer;</li>
 *   <li>carrier loss on the master: it drops the VIP (FAULT), and the backup holds the VIP within its
 *       Master_Down_Interval + 100 ms of the carrier drop (a dead link carries no priority-0 advert);</li>
 *   <li>VRRPv3 over IPv4 with a master sending RFC 9568's message-only checksum and a backup sending the
 *       pseudo-header form: the backup accepts the master's adverts (it stays backup, no receive error)
 *       and reports the master's form as {@code message}.</li>
 * </ul>
 */
@RequiresRoot(tools = "ping")
@Timeout(90)
class RouterElectionIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int VRID = 51;
    private static final int MASTER_PRIORITY = 150;
    private static final int BACKUP_PRIORITY = 100;
    private static final int INTERVAL_CENTIS = 100;

    /** The protocol versions and families a router can run. */
    enum Flavour {
        V2_IPV4(2, "192.0.2.100/24"),
        V3_IPV4(3, "192.0.2.100/24"),
        V3_IPV6(3, "fe80::64/64", "2001:db8::100/64");

        final int version;
        final List<String> vips;

        Flavour(int version, String... vips) {
            this.version = version;
            this.vips = List.of(vips);
        }

        /** The address a client pings: the last VIP (for IPv6 the global one). */
        String target() {
            return Routers.addressOf(vips.get(vips.size() - 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void electionPutsTheVipOnTheMasterOnlyAndGracefulCloseHandsItOverWithinSkewTime(Flavour f) throws Exception {
        Duration bound = Routers.skew(f.version, BACKUP_PRIORITY, INTERVAL_CENTIS).plus(Routers.SLACK);
        withElectedPair(f, "graceful close (skew + 100 ms)", bound, (net, a, ra) -> ra.close(), (a, ra) -> {
            assertTrue(holdsNone(a, f.vips), "the closed router removed its VIPs: " + a.addresses("eth0"));
            assertEquals(VrrpState.INITIALIZE, ra.state());
        });
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void carrierLossOnTheMasterHandsTheVipToTheBackupWithinMasterDownInterval(Flavour f) throws Exception {
        Duration bound = Routers.masterDown(f.version, BACKUP_PRIORITY, INTERVAL_CENTIS).plus(Routers.SLACK);
        withElectedPair(f, "carrier loss on the master (Master_Down + 100 ms)", bound,
                (net, a, ra) -> net.setCarrier(a, 0, false), (a, ra) -> {
                    Poll.until(WAIT, "a to drop the VIP on carrier loss", () -> holdsNone(a, f.vips));
                    assertEquals(VrrpState.FAULT, ra.state());
                });
    }

    @Test
    void aBackupSendingThePseudoHeaderFormAcceptsAMasterSendingTheMessageOnlyForm() {
        Flavour f = Flavour.V3_IPV4;
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            VrrpRouter.Builder messageOnly = builder(a, f, MASTER_PRIORITY).checksumWithIpv4PseudoHeader(false);
            try (VrrpRouter ra = messageOnly.start();
                 VrrpRouter rb = builder(b, f, BACKUP_PRIORITY).checksumWithIpv4PseudoHeader(true).start()) {
                Poll.until(WAIT, "a to become master", () -> holdsAll(a, f.vips));
                InstanceStats s = Poll.until(WAIT, "b to hear a's adverts", () -> rb.stats().instances().get(0),
                        st -> st.advertsReceived() >= 2);
                assertEquals(Map.of(a.ipv4(), "message"), s.peerChecksumForms());
                assertEquals(VrrpState.BACKUP, s.state());
                assertEquals(0L, rb.stats().receiveErrors().values().stream().mapToLong(Long::longValue).sum(),
                        "no advert dropped: " + rb.stats().receiveErrors());
                assertTrue(holdsNone(b, f.vips), "the VIP is on the master only: b has " + b.addresses("eth0"));
                assertEquals(VrrpState.MASTER, ra.state());
            }
        }
    }

    /**
     * Unicast peers are filtered once, by the router, which counts the strangers: b lists only a, and c (which
     * lists b) keeps sending b adverts of a higher priority. b stays a's backup and counts c's adverts in
     * unknownPeerErrors (before, the channel dropped them silently and the counter never moved on Linux).
     */
    @Test
    void aUnicastRouterDropsAndCountsAdvertsFromAStranger() {
        Flavour f = Flavour.V2_IPV4;
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host c = net.addHost("c");
            try (VrrpRouter ra = unicast(a, f, MASTER_PRIORITY, b).start();
                 VrrpRouter rb = unicast(b, f, BACKUP_PRIORITY, a).start();
                 VrrpRouter rc = unicast(c, f, 200, b).start()) {
                InstanceStats s = Poll.until(WAIT, "b to count c's adverts", () -> rb.stats().instances().get(0),
                        st -> st.unknownPeerErrors() >= 2 && st.masterAddress() != null);
                assertEquals(VrrpState.BACKUP, s.state(), "c's higher priority is not heard");
                assertEquals(Inet.address(a.ipv4()), s.masterAddress(), "b follows its peer a");
                assertEquals(VrrpState.MASTER, ra.state());
                assertEquals(0L, ra.stats().instances().get(0).unknownPeerErrors(), "a hears only b");
            }
        }
    }

    /** What ends a's mastership. */
    private interface Event {
        void fire(TestNetwork net, Host a, VrrpRouter ra);
    }

    /**
     * Elects a (priority 150) over b (100), checks the VIP is on a only and served there, fires
     * {@code event} on a, measures until the kernel shows the VIP on b, asserts {@code bound}, checks
     * a with {@code afterwards}, and that the client now reaches the VIP at b.
     */
    private static void withElectedPair(Flavour f, String what, Duration bound, Event event,
                                        BiConsumer<Host, VrrpRouter> afterwards) {
        try (TestNetwork net = TestNetwork.create()) {
            Host a = net.addHost("a");
            Host b = net.addHost("b");
            Host client = net.addHost("client");
            try (VrrpRouter ra = start(a, f, MASTER_PRIORITY); VrrpRouter rb = start(b, f, BACKUP_PRIORITY)) {
                electAndServe(f, a, b, client, ra, rb);

                Routers.assertTakeoverWithin(f + " " + what + " -> backup holds the VIP", bound, b, f.vips, WAIT,
                        () -> event.fire(net, a, ra));
                afterwards.accept(a, ra);
                assertEquals(VrrpState.MASTER, rb.state());
                client.exec("ping", "-c", "1", "-W", "5", f.target());
                assertEquals(Optional.of(b.mac()), client.neighbourMac("eth0", f.target()),
                        "the client reached the VIP at the new master");
            }
        }
    }

    /**
     * Waits for the election, then checks through the kernel that the VIP is on the master only, and
     * that the client reaches it there.
     */
    private static void electAndServe(Flavour f, Host a, Host b, Host client, VrrpRouter ra, VrrpRouter rb) {
        Poll.until(WAIT, "an election: some host holds " + f.vips, () -> holdsAll(a, f.vips) || holdsAll(b, f.vips));
        assertTrue(holdsAll(a, f.vips), "the priority-" + MASTER_PRIORITY + " router won: a has " + a.addresses("eth0")
                + ", b has " + b.addresses("eth0"));
        // The backup has heard the master once it names it; only then is "not on the backup" meaningful.
        Poll.until(WAIT, "b to hear a as master", () -> rb.stats().instances().get(0).masterAddress() != null);
        assertTrue(holdsNone(b, f.vips), "the VIP is on the master only; b has " + b.addresses("eth0"));
        // Adverts come from the router's own address (RFC 9568 5.1.2.1), not from a VIP it now holds:
        // priority ties are broken on it.
        java.net.InetAddress heard = rb.stats().instances().get(0).masterAddress();
        assertEquals(ra.stats().instances().get(0).masterAddress(), heard, "b hears a from a's own address");
        for (String vip : f.vips) {
            assertNotEquals(Inet.address(vip.replaceFirst("/.*", "")), heard, "the advert source is the VIP " + vip);
        }
        assertEquals(VrrpState.MASTER, ra.state());
        assertEquals(VrrpState.BACKUP, rb.state());
        client.exec("ping", "-c", "1", "-W", "5", f.target());
        assertEquals(Optional.of(a.mac()), client.neighbourMac("eth0", f.target()),
                "the client reached the VIP at the master's MAC");
        assertTrue(holdsAll(a, f.vips) && holdsNone(b, f.vips), "still on the master only after the ping");
    }

    private static VrrpRouter start(Host host, Flavour f, int priority) {
        return builder(host, f, priority).start();
    }

    private static VrrpRouter.Builder unicast(Host host, Flavour f, int priority, Host peer) {
        return builder(host, f, priority).instance("VI_" + VRID, i -> i.unicastPeer(peer.ipv4()));
    }

    private static VrrpRouter.Builder builder(Host host, Flavour f, int priority) {
        return Routers.on(host, VRID, priority, f.vips).version(f.version)
                .advertisementInterval(Duration.ofMillis(INTERVAL_CENTIS * 10L));
    }
}
