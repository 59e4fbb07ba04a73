package org.vrrp.tool.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads classic libpcap capture files (not pcapng): either byte order, microsecond or nanosecond
 * timestamps, any link type (see {@link LinkLayer} for getting at the IP packets).
 *
 * <p>Frames are read one at a time with {@link #next()}. A malformed file gives an
 * {@link IOException} whose message names the file and what is wrong with it.
 *
 * <p>Not thread-safe: one reader is used by one thread. Closing it closes the stream.
 */
public final class PcapReader implements Closeable {
    private static final int GLOBAL_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int MAGIC_PCAPNG = 0x0a0d0d0a;
    /** Cap on one frame so a corrupt length field cannot make us allocate gigabytes; tcpdump's own maximum. */
    private static final int MAX_FRAME_LENGTH = 262_144;

    private final InputStream in;
    private final String name;
    private final ByteOrder order;
    private final boolean nanosecondTimestamps;
    private final int snapLength;
    private final int linkType;
    private int framesRead;

    /**
     * Reads the file header from {@code in}.
     *
     * @param in the stream to read
     * @param name how to call the source in error messages, typically its file name
     * @throws IOException if the stream fails or does not start with a classic pcap header
     */
    public PcapReader(InputStream in, String name) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        this.name = Objects.requireNonNull(name, "name");
        byte[] header = in.readNBytes(GLOBAL_HEADER_LENGTH);
        if (header.length == 0) {
            throw problem("not a pcap file: it is empty");
        }
        if (header.length < 4) {
            throw problem("not a pcap file: only " + header.length + " bytes");
        }
        int magic = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == MAGIC_PCAPNG) {
            throw problem("pcapng files are not supported, only classic pcap (convert with: editcap -F pcap IN OUT)");
        }
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw problem(String.format("not a pcap file: magic 0x%08x", magic));
        }
        if (header.length < GLOBAL_HEADER_LENGTH) {
            throw problem("truncated pcap file header: " + header.length + " of " + GLOBAL_HEADER_LENGTH + " bytes");
        }
        ByteBuffer fields = ByteBuffer.wrap(header).order(order);
        nanosecondTimestamps = fields.getInt(0) == MAGIC_NANOS;
        int major = fields.getShort(4) & 0xffff;
        int minor = fields.getShort(6) & 0xffff;
        if (major != 2) {
            throw problem("unsupported pcap format version " + major + "." + minor + " (only 2.x)");
        }
        snapLength = fields.getInt(16);
        // The low 16 bits are the link type; the high bits carry FCS information (pcap-linktype(7)).
        linkType = fields.getInt(20) & 0xffff;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @param file the file
     * @return an open reader
     * @throws IOException naming the file if it is missing, unreadable or not a classic pcap file
     */
    public static PcapReader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a pcap file");
        }
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        }
        try {
            return new PcapReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads every frame of {@code file}.
     *
     * @param file the file
     * @return every frame of the file
     * @throws IOException if the file cannot be read or is malformed; the message names the file
     */
    public static List<PcapFrame> readAll(Path file) throws IOException {
        try (PcapReader reader = open(file)) {
            return reader.readRemaining();
        }
    }

    /**
     * Reads the frames not read yet, to the end of the file.
     *
     * @return the frames not read yet
     * @throws IOException if the file cannot be read or is malformed; the message names the file
     */
    public List<PcapFrame> readRemaining() throws IOException {
        List<PcapFrame> frames = new ArrayList<>();
        for (PcapFrame frame = next(); frame != null; frame = next()) {
            frames.add(frame);
        }
        return frames;
    }

    /**
     * The next frame, or null at the end of the file.
     *
     * @return the next frame, or null at the end of the file
     * @throws IOException if the stream fails or a record is truncated or corrupt
     */
    public PcapFrame next() throws IOException {
        byte[] recordHeader = in.readNBytes(RECORD_HEADER_LENGTH);
        if (recordHeader.length == 0) {
            return null;
        }
        int number = framesRead + 1;
        if (recordHeader.length < RECORD_HEADER_LENGTH) {
            throw problem("truncated: record " + number + " has " + recordHeader.length + " of "
                    + RECORD_HEADER_LENGTH + " header bytes");
        }
        ByteBuffer fields = ByteBuffer.wrap(recordHeader).order(order);
        long seconds = Integer.toUnsignedLong(fields.getInt(0));
        long fraction = Integer.toUnsignedLong(fields.getInt(4));
        long capturedLength = Integer.toUnsignedLong(fields.getInt(8));
        long originalLength = Integer.toUnsignedLong(fields.getInt(12));
        if (capturedLength > Math.max(MAX_FRAME_LENGTH, Integer.toUnsignedLong(snapLength))
                || capturedLength > Integer.MAX_VALUE - 8) {
            throw problem("corrupt: record " + number + " claims " + capturedLength + " captured bytes");
        }
        byte[] data = in.readNBytes((int) capturedLength);
        if (data.length < capturedLength) {
            throw problem("truncated: record " + number + " has " + data.length + " of " + capturedLength + " bytes");
        }
        framesRead = number;
        Instant timestamp = Instant.ofEpochSecond(seconds, nanosecondTimestamps ? fraction : fraction * 1000);
        return new PcapFrame(number, timestamp, (int) Math.min(originalLength, Integer.MAX_VALUE), linkType, data);
    }

    /**
     * The link-layer type of every frame (1 Ethernet, 113 Linux cooked, ...).
     *
     * @return the link-layer type of every frame (1 Ethernet, 113 Linux cooked, ...)
     */
    public int linkType() {
        return linkType;
    }

    /**
     * Whether timestamps have nanosecond (rather than microsecond) precision.
     *
     * @return whether timestamps have nanosecond (rather than microsecond) precision
     */
    public boolean nanosecondTimestamps() {
        return nanosecondTimestamps;
    }

    /**
     * The name used in error messages.
     *
     * @return the name used in error messages
     */
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private IOException problem(String what) {
        return new IOException(name + ": " + what);
    }
}
