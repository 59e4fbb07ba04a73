package org.vrrp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {

    @Test
    void rfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d.
        byte[] data = Bytes.hex("0001f203f4f5f6f7");
        assertEquals(0xddf2, InternetChecksum.fold(InternetChecksum.add(0, data)));
        assertEquals(0x220d, InternetChecksum.compute(Unpooled.wrappedBuffer(data), 0, data.length));
    }

    @Test
    void oddLengthPadsTheLastByteWithZero() {
        assertEquals(InternetChecksum.compute(Unpooled.wrappedBuffer(Bytes.hex("abcdef00")), 0, 4),
                InternetChecksum.compute(Unpooled.wrappedBuffer(Bytes.hex("abcdef")), 0, 3));
        assertEquals(~0xef00 & 0xffff, InternetChecksum.finish(InternetChecksum.add(0, new byte[] {(byte) 0xef})));
    }

    @Test
    void agreesWithTheReferenceOnRandomData() {
        long seed = TestSeeds.seed();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            int offset = random.nextInt(3);
            ByteBuf buf = Unpooled.buffer(offset + data.length);
            buf.writerIndex(offset);
            buf.writeBytes(data);
            int expected = ReferenceChecksum.checksum(data);
            String where = TestSeeds.replay(seed, i);
            assertEquals(expected, InternetChecksum.compute(buf, offset, data.length), where);
            assertEquals(expected, InternetChecksum.finish(InternetChecksum.add(0, data)), where);
            // In two even pieces, as pseudo-header then message.
            int split = random.nextInt(data.length / 2 + 1) * 2;
            long sum = InternetChecksum.add(0, Arrays.copyOf(data, split));
            assertEquals(expected, InternetChecksum.finish(InternetChecksum.add(sum, buf, offset + split,
                    data.length - split)), where);
        }
    }

    @Test
    void verifiesBothZeroes() {
        assertTrue(InternetChecksum.verifies(0xffff));
        assertTrue(InternetChecksum.verifies(0x1fffe)); // 0xffff + 0xffff: carries fold back to 0xffff
        assertFalse(InternetChecksum.verifies(0));
        assertFalse(InternetChecksum.verifies(0xfffe));
    }

    @Test
    void addWordUsesOnlyTheLow16Bits() {
        assertEquals(0x1234, InternetChecksum.addWord(0, 0xabcd_1234));
    }
}
