package org.vrrp.tool.capture;

import java.time.Instant;
import java.util.Objects;

/**
 * One captured frame of a classic pcap file.
 *
 * <p>The record holds {@code data} as given, without copying: the reader hands each frame a fresh
 * array that belongs to the caller. Equality of {@code data} is by identity, as for any array. The
 * record is immutable and safe to share between threads as long as nobody writes into {@code data}.
 *
 * @param number         1-based position in the file
 * @param timestamp      capture time (microsecond or nanosecond precision, as the file has)
 * @param originalLength length of the frame on the wire; larger than {@code data.length} if the snap length cut it
 * @param linkType       the file's link-layer type, e.g. {@link LinkLayer#ETHERNET}
 * @param data           the captured bytes, starting with the link-layer header
 */
public record PcapFrame(int number, Instant timestamp, int originalLength, int linkType, byte[] data) {
    /**
     * Checks that the components are present.
     *
     * @param number 1-based position in the file
     * @param timestamp capture time (microsecond or nanosecond precision, as the file has)
     * @param originalLength length of the frame on the wire; larger than {@code data.length} if the snap length cut it
     * @param linkType the file's link-layer type, e.g. {@link LinkLayer#ETHERNET}
     * @param data the captured bytes, starting with the link-layer header
     */
    public PcapFrame {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(data, "data");
    }
}
