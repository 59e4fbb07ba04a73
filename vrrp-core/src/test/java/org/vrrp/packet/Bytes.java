package org.vrrp.packet;

import java.util.HexFormat;

/** Small test helpers for hex literals. */
final class Bytes {
    private Bytes() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
