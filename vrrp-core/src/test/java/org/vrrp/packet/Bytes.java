package org.vrrp.packet;

import java.util.HexFormat;
import java.util.Random;

/** Small test helpers for byte arrays: hex literals and random bytes. */
final class Bytes {
    private Bytes() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
