package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vrrp.linux.it.Routers.holdsAll;
import static org.vrrp.linux.it.Routers.holdsNone;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vrrp.InstanceStats;
import org.vrrp.VrrpRouter;
import org.vrrp.VrrpState;

/**
 * Our router and a real keepalived process, each in its own namespace, share one virtual router, for
 * VRRPv2 with {@code auth_type PASS} and without authentication, VRRPv3 over IPv4 with ours checksumming
 * over the IPv4 pseudo-header against keepalived's default, and VRRPv3 over IPv6. Each case shows,
 * through the kernel and keepalived's own log:
 * <ul>
 *   <li>ours master, keepalived backup: keepalived enters BACKUP and stays there for longer than its
 *       Master_Down_Interval, so it accepts every advert of ours; the VIP is on our host only;</li>
 *   <li>failover to keepalived: closing ours (priority 0) puts the VIP on keepalived's host within its
 *       Skew_Time + 100 ms;</li>
 *   <li>keepalived master, ours backup: ours hears keepalived, counts no receive error, and records the
 *       checksum form keepalived sends; the VIP is on keepalived's host only;</li>
 *   <li>failover to ours: stopping keepalived by its pid (SIGTERM, then its priority-0 advert) puts the VIP
 *       on our host within our Skew_Time + 100 ms;</li>
 *   <li>keepalived's log has no complaint (invalid, bad, mismatch, checksum, TTL, auth, unknown keyword,
 *       ...) anywhere.</li>
 * </ul>
 * The message-only checksum (ours with {@code checksumWithIpv4PseudoHeader(false)}) against keepalived
 * with {@code v3_checksum_as_v2} runs the same way when the installed keepalived has that keyword (2.2.8
 * and later); Debian bookworm's 2.2.7 rejects it as an unknown keyword, so there the test shows instead
 * what keepalived's default does with message-only adverts: it rejects them and becomes a second master.
 *
 * <p>keepalived runs in the foreground with console logging, VRRP only, its own pid files and the
 * configuration this test writes ({@code keepalived -nlDP -p PIDFILE -f CONF}, see
 * {@link KeepalivedProcess}), and is stopped by its pid.
 */
@RequiresRoot(tools = "keepalived")
@Timeout(90)
class KeepalivedInteropIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int VRID = 51;
    private static final int INTERVAL_CENTIS = 100;
    private static final int OURS_AS_MASTER = 150;
    private static final int KEEPALIVED_PRIORITY = 100;
    private static final int OURS_AS_BACKUP = 50;
    private static final String V4_VIP = "192.0.2.100/24";
    /** Lines of keepalived's log that would mean it disliked a packet or the configuration. */
    private static final Pattern COMPLAINT = Pattern.compile(
            "(?im)^.*(invalid|error|mismatch|bad|wrong|discard|checksum|ttl|auth|unknown|warning|not present"
                    + "|fail|ignor|drop|reject).*$");

    /** One interoperability case: how both sides are configured and what checksum form keepalived uses. */
    enum Case {
        V2_AUTH_PASS(2, "s3cret", true, false, "message", V4_VIP),
        V2_NO_AUTH(2, null, true, false, "message", V4_VIP),
        V3_IPV4_PSEUDO_HEADER(3, null, true, false, "pseudo-header", V4_VIP),
        V3_IPV4_MESSAGE_ONLY(3, null, false, true, "message", V4_VIP),
        V3_IPV6(3, null, true, false, "ipv6-pseudo-header", "fe80::64/64", "2001:db8::100/64");

        final int version;
        final String password;
        final boolean oursWithPseudoHeader;
        final boolean keepalivedChecksumAsV2;
        final String keepalivedChecksumForm;
        final List<String> vips;

        Case(int version, String password, boolean oursWithPseudoHeader, boolean keepalivedChecksumAsV2,
             String keepalivedChecksumForm, String... vips) {
            this.version = version;
            this.password = password;
            this.oursWithPseudoHeader = oursWithPseudoHeader;
            this.keepalivedChecksumAsV2 = keepalivedChecksumAsV2;
            this.keepalivedChecksumForm = keepalivedChecksumForm;
            this.vips = List.of(vips);
        }

        boolean ipv6() {
            return vips.get(0).contains(":");
        }
    }

    /**
     * The cases the installed keepalived can run: {@code v3_checksum_as_v2} exists from keepalived 2.2.8
     * on, so with Debian bookworm's 2.2.7 the message-only case cannot be set up; what 2.2.7 does with
     * message-only adverts is {@link #messageOnlyChecksumIsRejectedByKeepalivedsDefaultSoBothBecomeMaster}.
     */
    static Stream<Case> cases() {
        boolean hasOption = KeepalivedProcess.installedAtLeast(2, 2, 8);
        if (!hasOption) {
            System.out.println("NOT RUN: " + Case.V3_IPV4_MESSAGE_ONLY + " needs keepalived >= 2.2.8 for"
                    + " v3_checksum_as_v2; installed: " + Arrays.toString(KeepalivedProcess.installedVersion()));
        }
        return Arrays.stream(Case.values()).filter(c -> hasOption || !c.keepalivedChecksumAsV2);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void oursAndKeepalivedElectAndFailOverBothWays(Case c) throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            Host us = net.addHost("us");
            Host ka = net.addHost("ka");
            try (KeepalivedProcess keepalived = oursMasterKeepalivedBackup(c, us, ka)) {
                try (VrrpRouter backup = start(us, c, OURS_AS_BACKUP, false)) {
                    keepalivedMasterOursBackup(c, us, ka, keepalived, backup);

                    // SIGTERM to its pid: keepalived sends priority 0, removes its VIPs and exits
                    Routers.assertTakeoverWithin(c + " keepalived stopped -> ours holds the VIP (our skew + 100 ms)",
                            Routers.skew(c.version, OURS_AS_BACKUP, INTERVAL_CENTIS).plus(Routers.SLACK), us, c.vips, WAIT,
                            keepalived::stop);
                    assertEquals(VrrpState.MASTER, backup.state());
                    assertTrue(holdsNone(ka, c.vips), "keepalived removed its VIPs: " + ka.addresses("eth0"));
                    assertEquals(1, backup.stats().instances().get(0).priorityZeroReceived(),
                            "ours took over on keepalived's priority-0 advert");
                }
                assertNoComplaint(keepalived.log());
            }
        }
    }

    /**
     * What the checksum option is for, against keepalived's default (the only behaviour of 2.2.7): ours
     * sending RFC 9568's message-only VRRPv3 checksum over IPv4 is rejected by keepalived ("Invalid
     * VRRPv3 checksum"), which therefore becomes master too, so both hosts hold the VIP; ours accepts
     * keepalived's pseudo-header form and reports it in its stats, which is how an operator tells.
     */
    @Test
    void messageOnlyChecksumIsRejectedByKeepalivedsDefaultSoBothBecomeMaster() throws Exception {
        Case c = Case.V3_IPV4_MESSAGE_ONLY;
        try (TestNetwork net = TestNetwork.create()) {
            Host us = net.addHost("us");
            Host ka = net.addHost("ka");
            try (VrrpRouter ours = start(us, c, OURS_AS_MASTER, true)) {
                Poll.until(WAIT, "ours to hold the VIP as master", () -> holdsAll(us, c.vips));
                try (KeepalivedProcess keepalived = KeepalivedProcess.start(ka, config(c, false))) {
                    int rejected = keepalived.awaitLog("(VI_1) Invalid VRRPv3 checksum", WAIT);
                    keepalived.awaitLog("(VI_1) Entering MASTER STATE", rejected, WAIT);
                    Poll.until(WAIT, "keepalived to add the VIP as a second master", () -> holdsAll(ka, c.vips));
                    InstanceStats s = Poll.until(WAIT, "ours to record keepalived's checksum form",
                            () -> ours.stats().instances().get(0),
                            st -> st.peerChecksumForms().containsKey(ka.ipv4()));
                    assertEquals("pseudo-header", s.peerChecksumForms().get(ka.ipv4()));
                    assertEquals(VrrpState.MASTER, s.state(), "ours (150) outranks keepalived (100)");
                    assertTrue(holdsAll(us, c.vips), "both hosts hold the VIP: " + us.addresses("eth0"));
                }
            }
        }
    }

    /**
     * Ours (150) master first, then keepalived (100) joins as backup and must stay backup; then ours
     * closes and keepalived must take the VIP within its skew time + 100 ms. Returns the running keepalived.
     */
    private static KeepalivedProcess oursMasterKeepalivedBackup(Case c, Host us, Host ka) {
        KeepalivedProcess keepalived;
        try (VrrpRouter master = start(us, c, OURS_AS_MASTER, true)) {
            Poll.until(WAIT, "ours to hold the VIP as master", () -> holdsAll(us, c.vips));
            keepalived = KeepalivedProcess.start(ka, config(c, c.keepalivedChecksumAsV2));
            try {
                int backupAt = keepalived.awaitLog("(VI_1) Entering BACKUP STATE", WAIT);
                // keepalived would become master after its Master_Down_Interval without our adverts: watch
                // for longer than that, so staying BACKUP shows it accepted them.
                sleep(Routers.masterDown(c.version, KEEPALIVED_PRIORITY, INTERVAL_CENTIS).plusSeconds(1));
                String log = keepalived.log();
                assertTrue(log.indexOf("Entering MASTER STATE", backupAt) < 0,
                        c + ": keepalived must stay BACKUP while ours is master:\n" + log);
                assertNoComplaint(log);
                assertTrue(holdsAll(us, c.vips) && holdsNone(ka, c.vips), "VIP on ours only: ours "
                        + us.addresses("eth0") + ", keepalived " + ka.addresses("eth0"));
                assertEquals(VrrpState.MASTER, master.state());

                Routers.assertTakeoverWithin(c + " ours closed -> keepalived holds the VIP (its skew + 100 ms)",
                        Routers.skew(c.version, KEEPALIVED_PRIORITY, INTERVAL_CENTIS).plus(Routers.SLACK), ka, c.vips, WAIT,
                        master::close);
                keepalived.awaitLog("(VI_1) Entering MASTER STATE", backupAt, WAIT);
                assertTrue(holdsNone(us, c.vips), "ours removed its VIPs on close: " + us.addresses("eth0"));
                return keepalived;
            } catch (RuntimeException | Error e) {
                keepalived.close();
                throw e;
            }
        }
    }

    /** keepalived master: ours at priority 50 must hear it, accept its adverts and stay backup. */
    private static void keepalivedMasterOursBackup(Case c, Host us, Host ka, KeepalivedProcess keepalived,
                                                   VrrpRouter backup) {
        InetAddress kaAddress = Inet.address(c.ipv6() ? linkLocal(ka, c.vips) : ka.ipv4());
        InstanceStats s = Poll.until(WAIT, "ours to hear keepalived as master",
                () -> backup.stats().instances().get(0),
                st -> kaAddress.equals(st.masterAddress()) && st.advertsReceived() >= 2);
        assertEquals(VrrpState.BACKUP, s.state());
        assertEquals(KEEPALIVED_PRIORITY, s.masterPriority());
        assertEquals(Map.of(kaAddress.getHostAddress(), c.keepalivedChecksumForm), s.peerChecksumForms(),
                "the checksum form keepalived sends");
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), List.of(s.ttlErrors(), s.versionErrors(), s.authErrors(),
                s.intervalErrors(), s.addressListErrors()), "no receive error on keepalived's adverts: " + s);
        assertTrue(backup.stats().receiveErrors().values().stream().allMatch(n -> n == 0),
                "no packet dropped in decoding: " + backup.stats().receiveErrors());
        assertTrue(holdsAll(ka, c.vips) && holdsNone(us, c.vips), "VIP on keepalived only: keepalived "
                + ka.addresses("eth0") + ", ours " + us.addresses("eth0"));
        assertTrue(keepalived.isAlive());
    }

    static void assertNoComplaint(String log) {
        Matcher m = COMPLAINT.matcher(log);
        StringBuilder found = new StringBuilder();
        while (m.find()) {
            found.append(m.group()).append('\n');
        }
        assertTrue(found.length() == 0, "keepalived complained:\n" + found + "\nwhole log:\n" + log);
    }

    /** The host's own link-local address (not a VIP), which keepalived sends IPv6 adverts from. */
    private static String linkLocal(Host h, List<String> vips) {
        return h.addresses("eth0").stream().map(IpJson.KernelAddress::address)
                .filter(a -> Inet.address(a).isLinkLocalAddress())
                .filter(a -> vips.stream().noneMatch(v -> IpJson.sameAddress(a, Routers.addressOf(v))))
                .findFirst().orElseThrow();
    }

    private static VrrpRouter start(Host host, Case c, int priority, boolean initiallyMaster) {
        VrrpRouter.Builder b = Routers.on(host, VRID, priority, c.vips).version(c.version)
                .advertisementInterval(Duration.ofMillis(INTERVAL_CENTIS * 10L));
        if (c.password != null) {
            b.authentication(c.password);
        }
        if (c.version == 3 && !c.ipv6()) {
            b.checksumWithIpv4PseudoHeader(c.oursWithPseudoHeader);
        }
        if (initiallyMaster) {
            b.initialState(VrrpState.MASTER);
        }
        return b.start();
    }

    /**
     * keepalived's configuration for the case: one BACKUP instance at priority 100, with
     * {@code v3_checksum_as_v2} in global_defs if {@code checksumAsV2}.
     */
    static String config(Case c, boolean checksumAsV2) {
        String auth = c.password == null ? "" : """
                    authentication {
                        auth_type PASS
                        auth_pass %s
                    }
                """.formatted(c.password);
        return """
                global_defs {
                    router_id vit_interop
                %s}
                vrrp_instance VI_1 {
                    state BACKUP
                    version %d
                    interface eth0
                    virtual_router_id %d
                    priority %d
                    advert_int %d
                %s    virtual_ipaddress {
                %s    }
                }
                """.formatted(checksumAsV2 ? "    v3_checksum_as_v2\n" : "", c.version, VRID,
                KEEPALIVED_PRIORITY, INTERVAL_CENTIS / 100, auth,
                c.vips.stream().map(v -> "        " + v + "\n").reduce("", String::concat));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
