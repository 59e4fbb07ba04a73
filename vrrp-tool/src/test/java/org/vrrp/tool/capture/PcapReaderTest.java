package org.vrrp.tool.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {
    private static final String FIXTURE = "/fixtures/keepalived/v2-auth-pass.pcap";

    @Test
    void readsTheKeepalivedCapture() throws IOException {
        List<PcapFrame> frames = read(fixture());
        // Counted with a hand-written parser: 2 router solicitations, 4 adverts, 4 gratuitous ARPs.
        assertEquals(10, frames.size());
        PcapFrame first = frames.get(0);
        assertEquals(1, first.number());
        assertEquals(LinkLayer.ETHERNET, first.linkType());
        assertEquals(Instant.ofEpochSecond(1795313137L, 919_821_000L), first.timestamp());
        assertEquals(70, first.data().length);
        assertEquals(70, first.originalLength());
        assertEquals(54, frames.get(2).data().length);
        assertEquals(10, frames.get(9).number());
    }

    @Test
    void readsBigEndianAndNanosecondFiles() throws IOException {
        byte[] little = fixture();
        List<PcapFrame> expected = read(little);

        byte[] big = toBigEndian(little);
        assertEquals(0xa1, big[0] & 0xff);
        assertSameFrames(expected, read(big));

        byte[] nanos = little.clone();
        ByteBuffer.wrap(nanos).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xa1b23c4d);
        List<PcapFrame> nanoFrames = read(nanos);
        // The same fraction field now counts nanoseconds, so the times are 1000 times finer.
        assertEquals(Instant.ofEpochSecond(1795313137L, 919_821L), nanoFrames.get(0).timestamp());
        try (PcapReader reader = new PcapReader(new ByteArrayInputStream(nanos), "x")) {
            assertTrue(reader.nanosecondTimestamps());
        }
    }

    @Test
    void notAPcapFileNamesTheMagic() {
        IOException e = assertThrows(IOException.class,
                () -> read("GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes()));
        assertEquals("test.pcap: not a pcap file: magic 0x47455420", e.getMessage());
    }

    @Test
    void pcapngIsRecognisedAndRefusedClearly() {
        byte[] pcapng = Arrays.copyOf(new byte[] {0x0a, 0x0d, 0x0d, 0x0a}, 28);
        IOException e = assertThrows(IOException.class, () -> read(pcapng));
        assertTrue(e.getMessage().startsWith("test.pcap: pcapng files are not supported"), e.getMessage());
    }

    @Test
    void emptyAndShortFiles() {
        assertEquals("test.pcap: not a pcap file: it is empty",
                assertThrows(IOException.class, () -> read(new byte[0])).getMessage());
        assertEquals("test.pcap: truncated pcap file header: 10 of 24 bytes",
                assertThrows(IOException.class, () -> read(Arrays.copyOf(fixture(), 10))).getMessage());
    }

    @Test
    void truncatedRecordsSayWhichAndHowMuch() {
        byte[] file = fixture();
        // Global header 24 + record header 16 + 70 bytes of frame 1, then frame 2's header.
        int frame2 = 24 + 16 + 70;
        assertEquals("test.pcap: truncated: record 2 has 5 of 16 header bytes",
                assertThrows(IOException.class, () -> read(Arrays.copyOf(file, frame2 + 5))).getMessage());
        assertEquals("test.pcap: truncated: record 2 has 30 of 70 bytes",
                assertThrows(IOException.class, () -> read(Arrays.copyOf(file, frame2 + 16 + 30))).getMessage());
    }

    @Test
    void absurdRecordLengthIsCorruptNotAnOutOfMemoryError() {
        byte[] file = fixture();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7fff_0000);
        IOException e = assertThrows(IOException.class, () -> read(file));
        assertEquals("test.pcap: corrupt: record 1 claims 2147418112 captured bytes", e.getMessage());
    }

    @Test
    void unsupportedVersion() {
        byte[] file = fixture();
        file[4] = 3;
        IOException e = assertThrows(IOException.class, () -> read(file));
        assertEquals("test.pcap: unsupported pcap format version 3.4 (only 2.x)", e.getMessage());
    }

    @Test
    void openNamesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pcap");
        IOException e = assertThrows(IOException.class, () -> PcapReader.readAll(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void openNamesADirectory(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> PcapReader.readAll(dir));
        assertEquals(dir + ": is a directory, not a pcap file", e.getMessage());
    }

    @Test
    void openReadsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("capture.pcap");
        Files.write(file, fixture());
        assertEquals(10, PcapReader.readAll(file).size());
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        IOException e = assertThrows(IOException.class, () -> PcapReader.readAll(file));
        assertEquals(file + ": not a pcap file: magic 0x01020304", e.getMessage());
    }

    @Test
    void nextReturnsNullAtTheEnd() throws IOException {
        try (PcapReader reader = new PcapReader(new ByteArrayInputStream(Arrays.copyOf(fixture(), 24)), "x")) {
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    private static void assertSameFrames(List<PcapFrame> expected, List<PcapFrame> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).timestamp(), actual.get(i).timestamp());
            assertEquals(expected.get(i).originalLength(), actual.get(i).originalLength());
            assertTrue(Arrays.equals(expected.get(i).data(), actual.get(i).data()), "frame " + (i + 1));
        }
    }

    /** Rewrites a little-endian pcap's header fields big-endian; frame bytes stay as they are. */
    private static byte[] toBigEndian(byte[] little) {
        ByteBuffer in = ByteBuffer.wrap(little).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(little.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
        out.putInt(in.getInt()).putInt(in.getInt()).putInt(in.getInt()).putInt(in.getInt());
        while (in.hasRemaining()) {
            out.putInt(in.getInt()).putInt(in.getInt());
            int captured = in.getInt();
            out.putInt(captured).putInt(in.getInt());
            byte[] data = new byte[captured];
            in.get(data);
            out.put(data);
        }
        return out.array();
    }

    static byte[] fixture() {
        try (InputStream in = PcapReaderTest.class.getResourceAsStream(FIXTURE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<PcapFrame> read(byte[] file) throws IOException {
        try (PcapReader reader = new PcapReader(new ByteArrayInputStream(file), "test.pcap")) {
            return reader.readRemaining();
        }
    }
}
