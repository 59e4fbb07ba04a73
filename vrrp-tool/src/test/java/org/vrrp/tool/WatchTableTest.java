package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vrrp.packet.AddressFamily;
import org.vrrp.packet.ChecksumForm;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.VrrpPacket;

/** The anomaly rules of {@code vrrp watch}, with a hand-driven clock. */
class WatchTableTest {
    private static final InetAddress A = ip("192.0.2.1");
    private static final InetAddress B = ip("192.0.2.2");
    private static final List<InetAddress> VIP = List.of(ip("192.0.2.100"));

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static DecodeResult v2(int priority, int seconds, String password) {
        return new DecodeResult.Ok(VrrpPacket.v2(51, priority, seconds,
                password == null ? VrrpPacket.AUTH_NONE : VrrpPacket.AUTH_SIMPLE_TEXT,
                VrrpPacket.simpleTextAuthData(password == null ? "" : password), VIP), ChecksumForm.MESSAGE);
    }

    private static DecodeResult v3(int priority, ChecksumForm form) {
        return new DecodeResult.Ok(VrrpPacket.v3(AddressFamily.IPV4, 51, priority, 100, VIP), form);
    }

    @Test
    void oneMasterHasNoAnomaly() {
        WatchTable t = new WatchTable();
        t.record(0, A, 255, v2(100, 1, null));
        t.record(1000, A, 255, v2(100, 1, null));
        List<WatchTable.Row> rows = t.rows(1500);
        assertEquals(1, rows.size());
        WatchTable.Row r = rows.get(0);
        assertEquals("192.0.2.1", r.source());
        assertEquals("master", r.state());
        assertEquals(100, r.intervalCentis());
        assertEquals("none", r.auth());
        assertEquals(2, r.packets());
        assertEquals(500, r.lastSeenMillisAgo());
        assertEquals(List.of(), r.anomalies());
    }

    @Test
    void twoLiveMastersAreAnAnomalyOnlyWhileBothAreHeard() {
        WatchTable t = new WatchTable();
        t.record(0, A, 255, v2(100, 1, null));
        t.record(500, B, 255, v2(90, 1, null));
        assertTrue(t.rows(1000).get(0).anomalies().get(0).startsWith("two masters"), t.rows(1000).toString());
        // A handover: A stops; once A has been silent for over 3 intervals it is history, not a master.
        t.record(3500, B, 255, v2(90, 1, null));
        List<WatchTable.Row> rows = t.rows(3500);
        assertEquals("master", rows.get(0).state());
        assertEquals("silent", rows.get(1).state());
        assertEquals(List.of(), rows.get(0).anomalies());
    }

    @Test
    void aResignedMasterIsNotASecondMaster() {
        WatchTable t = new WatchTable();
        t.record(0, A, 255, v2(0, 1, null));
        t.record(10, B, 255, v2(90, 1, null));
        List<WatchTable.Row> rows = t.rows(20);
        assertEquals("resigned", rows.stream().filter(r -> r.source().equals("192.0.2.1")).findFirst().orElseThrow().state());
        assertTrue(rows.get(0).anomalies().isEmpty(), rows.toString());
    }

    @Test
    void ttlIntervalAuthAndChecksumFormMismatchesAreShown() {
        WatchTable t = new WatchTable();
        t.record(0, A, 254, v2(100, 1, "secret"));
        t.record(0, B, 255, v2(0, 2, null));
        WatchTable.Row a = t.rows(0).stream().filter(r -> r.source().equals("192.0.2.1")).findFirst().orElseThrow();
        assertTrue(a.anomalies().contains("ttl 254 (must be 255)"), a.toString());
        assertTrue(a.anomalies().stream().anyMatch(s -> s.startsWith("interval mismatch")), a.toString());
        assertTrue(a.anomalies().stream().anyMatch(s -> s.startsWith("auth mismatch")), a.toString());
        assertEquals("pass:secret", a.auth());

        WatchTable v3 = new WatchTable();
        v3.record(0, A, 255, v3(100, ChecksumForm.MESSAGE));
        v3.record(0, B, 255, v3(0, ChecksumForm.IPV4_PSEUDO_HEADER));
        assertTrue(v3.rows(0).get(0).anomalies().contains("checksum form mismatch (message / pseudo-header)")
                || v3.rows(0).get(0).anomalies().contains("checksum form mismatch (pseudo-header / message)"),
                v3.rows(0).toString());
    }

    @Test
    void decodeErrorsAreCountedByRuleAndSilentSendersAreForgotten() {
        WatchTable t = new WatchTable();
        t.record(0, A, 255, new DecodeResult.Failed(DecodeError.BAD_CHECKSUM, "x"));
        t.record(1, B, 255, new DecodeResult.Failed(DecodeError.BAD_CHECKSUM, "x"));
        assertEquals(List.of("bad-checksum=2 (last from 192.0.2.2)"), t.errors());
        t.record(0, A, 255, v2(100, 1, null));
        assertEquals(1, t.rows(WatchTable.FORGET_AFTER_MILLIS).size());
        assertEquals(0, t.rows(WatchTable.FORGET_AFTER_MILLIS + 1).size());
        List<String> text = WatchTable.render(List.of(), t.errors());
        assertEquals("(no VRRP advertisement heard yet)", text.get(1));
        assertEquals("decode errors: bad-checksum=2 (last from 192.0.2.2)", text.get(2));
    }

    @Test
    void durationsAndUsage() throws UsageException {
        assertEquals(1500, WatchCommand.duration("1500ms").toMillis());
        assertEquals(2500, WatchCommand.duration("2.5s").toMillis());
        assertEquals(3000, WatchCommand.duration("3").toMillis());
        CommandRun run = CommandRun.of("watch");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("vrrp watch: -i IFACE is required"), run.err());
        assertEquals(2, CommandRun.of("watch", "-i", "eth0", "--once", "0s").exitCode());
    }
}
