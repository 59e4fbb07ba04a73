package org.vrrp.packet;

import io.netty.buffer.ByteBuf;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of
 * big-endian 16-bit words.
 *
 * <p>Sums are kept in a {@code long} and folded only at the end, so callers can add a pseudo-header,
 * then the message, in pieces. Every piece except the last must have an even length (an odd piece
 * is padded with a zero byte, which is only right at the very end).
 *
 * <p>All methods are pure, thread-safe and allocate nothing; they read buffers by absolute index and
 * never move reader or writer indices.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /**
     * Adds {@code length} bytes of {@code buf} starting at absolute {@code index} to {@code sum}.
     *
     * @param sum the sum
     * @param buf the buffer
     * @param index the index
     * @param length the length
     * @return the running sum with these bytes added
     * @throws IndexOutOfBoundsException if the range is outside the buffer's capacity
     */
    public static long add(long sum, ByteBuf buf, int index, int length) {
        int end = index + length;
        int i = index;
        for (; i + 1 < end; i += 2) {
            sum += buf.getUnsignedShort(i);
        }
        if (i < end) {
            sum += buf.getUnsignedByte(i) << 8;
        }
        return sum;
    }

    /**
     * Adds all of {@code bytes} to {@code sum}.
     *
     * @param sum the sum
     * @param bytes the bytes
     * @return the running sum with these bytes added
     */
    public static long add(long sum, byte[] bytes) {
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if (i < bytes.length) {
            sum += (bytes[i] & 0xff) << 8;
        }
        return sum;
    }

    /**
     * Adds one 16-bit word (only the low 16 bits of {@code word} are used).
     *
     * @param sum the sum
     * @param word the word
     * @return the running sum with this word added
     */
    public static long addWord(long sum, int word) {
        return sum + (word & 0xffff);
    }

    /**
     * Folds the carries of {@code sum} into 16 bits (the one's complement sum), not yet complemented.
     *
     * @param sum the sum
     * @return the sum folded to 16 bits
     */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /**
     * The checksum to put in a header: the complement of the folded sum of everything but the checksum field.
     *
     * @param sum the sum
     * @return the checksum to put in a header: the complement of the folded sum of everything but the checksum field
     */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /**
     * Whether a sum taken over data that includes its checksum field verifies (folds to 0xffff). Both
     * representations of zero, 0x0000 and 0xffff, verify where RFC 1624 says they are equivalent.
     *
     * @param sumIncludingChecksum the sum including checksum
     * @return whether the sum, checksum field included, verifies
     */
    public static boolean verifies(long sumIncludingChecksum) {
        return fold(sumIncludingChecksum) == 0xffff;
    }

    /**
     * The checksum of {@code length} bytes of {@code buf} from absolute {@code index}.
     *
     * @param buf the buffer
     * @param index the index
     * @param length the length
     * @return the checksum of {@code length} bytes of {@code buf} from absolute {@code index}
     */
    public static int compute(ByteBuf buf, int index, int length) {
        return finish(add(0, buf, index, length));
    }
}
