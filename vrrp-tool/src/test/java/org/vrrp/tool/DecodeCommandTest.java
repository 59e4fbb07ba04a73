package org.vrrp.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecodeCommandTest {

    /** The fixtures README's table; the sender is 192.0.2.251 / fe80::ff:fe00:a. */
    record Expected(String capture, long version, long vrid, long priority, long intervalCentis, Long authType,
                    String authText, List<String> addresses, String src, String dst, String checksumMode) {
        @Override
        public String toString() {
            return capture;
        }
    }

    static Stream<Expected> captures() {
        return Stream.of(
                new Expected("v2-auth-pass", 2, 1, 150, 100, 1L, "passwd", List.of("192.0.2.254"),
                        "192.0.2.251", "224.0.0.18", null),
                new Expected("v2-noauth-3vips", 2, 51, 100, 100, 0L, "",
                        List.of("192.0.2.100", "192.0.2.101", "192.0.2.102"), "192.0.2.251", "224.0.0.18", null),
                new Expected("v3-ipv4-50cs", 3, 4, 245, 50, null, null, List.of("192.0.2.4"),
                        "192.0.2.251", "224.0.0.18", "pseudo-header"),
                new Expected("v3-ipv6", 3, 7, 200, 100, null, null, List.of("fe80::7", "2001:db8::7"),
                        "fe80::ff:fe00:a", "ff02::12", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void jsonGivesTheReadmeValues(Expected expected) {
        CommandRun run = CommandRun.of("decode", Fixtures.capture(expected.capture()).toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<Map<String, Object>> packets = run.outLines().stream().map(MiniJson::parseObject)
                .collect(Collectors.toList());
        assertTrue(packets.size() >= 3, "several adverts expected: " + run.out());
        for (int i = 0; i < packets.size(); i++) {
            Map<String, Object> p = packets.get(i);
            String where = expected.capture() + " VRRP packet " + (i + 1) + ": " + p;
            assertEquals(expectedFields(expected), p.keySet(), where);
            assertEquals(expected.src(), p.get("src"), where);
            assertEquals(expected.dst(), p.get("dst"), where);
            assertEquals(255L, p.get("ttl"), where);
            assertEquals(expected.version(), p.get("version"), where);
            assertEquals(expected.vrid(), p.get("vrid"), where);
            assertEquals(i == packets.size() - 1 ? 0L : expected.priority(), p.get("priority"), where);
            assertEquals(expected.addresses(), p.get("addresses"), where);
            assertEquals(expected.intervalCentis(), p.get("intervalCentis"), where);
            assertEquals(expected.authType(), p.get("authType"), where);
            assertEquals(expected.authText(), p.get("authText"), where);
            assertEquals(Boolean.TRUE, p.get("checksumOk"), where);
            assertEquals(expected.checksumMode(), p.get("checksumMode"), where);
        }
    }

    private static Set<String> expectedFields(Expected expected) {
        Set<String> fields = new HashSet<>(Set.of("src", "dst", "ttl", "version", "vrid", "priority",
                "addresses", "intervalCentis", "checksumOk"));
        if (expected.version() == 2) {
            fields.addAll(Set.of("authType", "authText"));
        }
        if (expected.checksumMode() != null) {
            fields.add("checksumMode");
        }
        return fields;
    }

    @Test
    void humanFormIsOneLinePerPacket() {
        CommandRun run = CommandRun.of("decode", Fixtures.capture("v2-auth-pass").toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(4, lines.size(), run.out());
        assertEquals("2026-11-22T02:05:38.947445Z 192.0.2.251 -> 224.0.0.18 ttl 255 VRRPv2 vrid 1 prio 150"
                + " interval 100cs auth simple-text \"passwd\" addrs 192.0.2.254 checksum message", lines.get(0));
        assertTrue(lines.get(3).contains(" prio 0 "), lines.get(3));
        String v6 = CommandRun.of("decode", Fixtures.capture("v3-ipv6").toString()).outLines().get(0);
        assertTrue(v6.contains("fe80::ff:fe00:a -> ff02::12 ttl 255 VRRPv3 vrid 7 prio 200 interval 100cs"
                + " addrs fe80::7,2001:db8::7 checksum ipv6-pseudo-header"), v6);
    }

    @Test
    void aBadChecksumIsReportedWithTheIpFields(@TempDir Path dir) throws IOException {
        byte[] pcap = Files.readAllBytes(Fixtures.capture("v2-auth-pass"));
        int vrrp = frameData(pcap, 3) + 14 + 20; // Ethernet, IPv4 without options
        pcap[vrrp + 7] ^= 0x01;
        Path file = write(dir, pcap);

        CommandRun json = CommandRun.of("decode", "--json", file.toString());
        assertEquals(0, json.exitCode(), json.err());
        Map<String, Object> first = MiniJson.parseObject(json.outLines().get(0));
        assertEquals(Map.of("src", "192.0.2.251", "dst", "224.0.0.18", "ttl", 255L, "version", 2L, "vrid", 1L,
                "priority", 150L, "checksumOk", false, "error", "bad-checksum"), first);
        assertEquals(Boolean.TRUE, MiniJson.parseObject(json.outLines().get(1)).get("checksumOk"));

        String human = CommandRun.of("decode", file.toString()).outLines().get(0);
        assertTrue(human.endsWith("ttl 255 VRRPv2 vrid 1 prio 150 error bad-checksum: checksum 0x29c5,"
                + " expected 0x29c4 (message)"), human);
    }

    @Test
    void aRuleAfterTheChecksumReportsChecksumOk(@TempDir Path dir) throws IOException {
        byte[] pcap = Files.readAllBytes(Fixtures.capture("v2-auth-pass"));
        int vrrp = frameData(pcap, 3) + 14 + 20;
        pcap[vrrp + 4] = 2; // auth type 2 (IP AH)
        // Checksum 0x29c4 updated by hand for word 4-5 going 0x0101 -> 0x0201 (RFC 1624): 0x28c4.
        pcap[vrrp + 6] = 0x28;
        pcap[vrrp + 7] = (byte) 0xc4;
        Map<String, Object> first = MiniJson.parseObject(
                CommandRun.of("decode", "--json", write(dir, pcap).toString()).outLines().get(0));
        assertEquals("bad-auth-type", first.get("error"));
        assertEquals(Boolean.TRUE, first.get("checksumOk"));
        assertEquals(1L, first.get("vrid"));
    }

    @Test
    void rulesBeforeTheChecksumLeaveChecksumOkOut(@TempDir Path dir) throws IOException {
        byte[] pcap = Files.readAllBytes(Fixtures.capture("v3-ipv4-50cs"));
        pcap[frameData(pcap, 1) + 14 + 20] = 0x41; // version 4
        Path file = write(dir, pcap);
        Map<String, Object> first = MiniJson.parseObject(
                CommandRun.of("decode", "--json", file.toString()).outLines().get(0));
        assertEquals("bad-version", first.get("error"));
        assertFalse(first.containsKey("checksumOk"), first.toString());
        assertFalse(first.containsKey("vrid"), "no VRRP layout to read a vrid from: " + first);
        String human = CommandRun.of("decode", file.toString()).outLines().get(0);
        assertTrue(human.endsWith("ttl 255 VRRP error bad-version: version 4"), human);
    }

    @Test
    void anIpLengthBeyondTheFrameIsALengthMismatch(@TempDir Path dir) throws IOException {
        byte[] pcap = Files.readAllBytes(Fixtures.capture("v2-auth-pass"));
        pcap[frameData(pcap, 3) + 14 + 3] += 1; // IPv4 total length one byte past the frame
        Map<String, Object> first = MiniJson.parseObject(
                CommandRun.of("decode", "--json", write(dir, pcap).toString()).outLines().get(0));
        assertEquals("length-mismatch", first.get("error"));
        assertEquals(Set.of("src", "dst", "ttl", "error"), first.keySet());
    }

    @Test
    void aTruncatedCapturePrintsWhatItCanThenFails(@TempDir Path dir) throws IOException {
        byte[] pcap = Files.readAllBytes(Fixtures.capture("v2-auth-pass"));
        byte[] cut = Arrays.copyOf(pcap, frameData(pcap, 7) + 10); // frame 6 is the 2nd advert
        CommandRun run = CommandRun.of("decode", "--json", write(dir, cut).toString());
        assertEquals(1, run.exitCode());
        assertEquals(2, run.outLines().size(), run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("vrrp decode: ") && run.err().contains("truncated: record 7"), run.err());
    }

    @Test
    void missingFileIsOneLineAndExitOne(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pcap");
        CommandRun run = CommandRun.of("decode", missing.toString());
        assertEquals(1, run.exitCode());
        assertEquals(List.of("vrrp decode: " + missing + ": no such file"), run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void notAPcapFileIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, not a capture\n");
        CommandRun run = CommandRun.of("decode", file.toString(), "--json");
        assertEquals(1, run.exitCode());
        assertEquals(List.of("vrrp decode: " + file + ": not a pcap file: magic 0x68656c6c"), run.errLines());
    }

    @Test
    void badArgumentsExitTwo() {
        for (String[] args : List.of(new String[] {"decode"}, new String[] {"decode", "a.pcap", "--yaml"},
                new String[] {"decode", "a.pcap", "b.pcap"})) {
            CommandRun run = CommandRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().startsWith("vrrp decode: "), run.err());
            assertEquals("", run.out());
        }
    }

    /** Offset of frame {@code number}'s data in a little-endian classic pcap. */
    private static int frameData(byte[] pcap, int number) {
        ByteBuffer buf = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int record = 24;
        for (int i = 1; i < number; i++) {
            record += 16 + buf.getInt(record + 8);
        }
        return record + 16;
    }

    private static Path write(Path dir, byte[] pcap) throws IOException {
        Path file = dir.resolve("edited.pcap");
        Files.write(file, pcap);
        return file;
    }
}
