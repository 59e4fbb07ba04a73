package org.vrrp.examples.hardening;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the hostile IPv4 datagrams of issue 7 against one VRRPv2 instance (its VRID, password, interval
 * and address): every one must be rejected. Each {@link Kind} is a way to be wrong; {@link #next} picks
 * kinds round-robin and randomizes within them (bits flipped, lengths, TTLs, forged sources) from a
 * seed, so a failure can be replayed.
 *
 * <p>Sources are forged from the documentation ranges (192.0.2.10-99 and .101-.250, 198.51.100.0/24,
 * 203.0.113.0/24), never the routers' own addresses, so that per-peer rate limits see hundreds of
 * peers, as under a spoofed flood. Not thread-safe.
 */
final class HostileTraffic {
    /** The ways a packet is wrong. */
    enum Kind {
        RANDOM_BYTES, BIT_FLIP, BAD_CHECKSUM, WRONG_INTERVAL, ZERO_ADDRESS_COUNT, WRONG_ADDRESS_COUNT,
        OTHER_VERSION, WRONG_PASSWORD, WRONG_AUTH_TYPE, PRIORITY_255_LOW_TTL
    }

    private static final byte[] GROUP = {(byte) 224, 0, 0, 18};

    private final SplittableRandom random;
    private final int vrid;
    private final byte[] password;
    private final int intervalSeconds;
    private final byte[] vip;
    private int turn;

    HostileTraffic(long seed, int vrid, String password, int intervalSeconds, InetAddress vip) {
        this.random = new SplittableRandom(seed);
        this.vrid = vrid;
        this.password = java.util.Arrays.copyOf(password.getBytes(StandardCharsets.US_ASCII), 8);
        this.intervalSeconds = intervalSeconds;
        this.vip = vip.getAddress();
    }

    /** The next datagram (IP header included) and its kind. */
    Packet next() {
        Kind kind = Kind.values()[turn++ % Kind.values().length];
        int ttl = 255;
        byte[] vrrp;
        switch (kind) {
            case RANDOM_BYTES -> {
                vrrp = new byte[random.nextInt(0, 64)];
                random.nextBytes(vrrp);
            }
            case BIT_FLIP -> {
                // One flipped bit always breaks the Internet checksum (RFC 1071), so this is never valid.
                vrrp = advert(2, 254, intervalSeconds, 1, 1, password);
                int bit = random.nextInt(vrrp.length * 8);
                vrrp[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            case BAD_CHECKSUM -> {
                vrrp = advert(2, 254, intervalSeconds, 1, 1, password);
                vrrp[6] ^= (byte) (1 + random.nextInt(255));
            }
            case WRONG_INTERVAL -> vrrp = advert(2, 254, pickOtherThan(intervalSeconds), 1, 1, password);
            case ZERO_ADDRESS_COUNT -> vrrp = advert(2, 254, intervalSeconds, 0, 0, password);
            case WRONG_ADDRESS_COUNT -> vrrp = advert(2, 254, intervalSeconds, 2 + random.nextInt(10), 1, password);
            case OTHER_VERSION -> {
                int[] versions = {0, 1, 3, 4, 7, 15};
                vrrp = advert(versions[random.nextInt(versions.length)], 254, intervalSeconds, 1, 1, password);
            }
            case WRONG_PASSWORD -> {
                byte[] other = password.clone();
                other[random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
                vrrp = advert(2, 254, intervalSeconds, 1, 1, other);
            }
            case WRONG_AUTH_TYPE -> vrrp = advert(2, 254, intervalSeconds, 1, 1, null);
            case PRIORITY_255_LOW_TTL -> {
                ttl = 1 + random.nextInt(254);
                vrrp = advert(2, 255, intervalSeconds, 1, 1, password);
            }
            default -> throw new AssertionError(kind);
        }
        return new Packet(kind, ipv4(ttl, forgedSource(), vrrp));
    }

    /** A datagram and why it is wrong. */
    record Packet(Kind kind, byte[] datagram) {
    }

    /** Counts per kind, for the report. */
    static Map<Kind, Long> emptyCounts() {
        Map<Kind, Long> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, 0L);
        }
        return m;
    }

    private int pickOtherThan(int seconds) {
        int v;
        do {
            v = 1 + random.nextInt(255);
        } while (v == seconds);
        return v;
    }

    /**
     * A VRRPv2-layout advert with a message checksum (correct unless the caller breaks it afterwards):
     * {@code declaredCount} in the header, {@code presentCount} copies of the VIP in the body; a null
     * password means auth type 0 (none).
     */
    private byte[] advert(int version, int priority, int interval, int declaredCount, int presentCount,
                          byte[] pass) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * presentCount + 8);
        b.put((byte) ((version << 4) | 1)).put((byte) vrid).put((byte) priority).put((byte) declaredCount);
        b.put((byte) (pass == null ? 0 : 1)).put((byte) interval).putShort((short) 0);
        for (int i = 0; i < presentCount; i++) {
            b.put(vip);
        }
        b.put(pass == null ? new byte[8] : pass);
        byte[] m = b.array();
        int sum = checksum(m);
        m[6] = (byte) (sum >>> 8);
        m[7] = (byte) sum;
        return m;
    }

    private byte[] forgedSource() {
        return switch (random.nextInt(3)) {
            case 0 -> {
                int last = 10 + random.nextInt(240);
                yield new byte[] {(byte) 192, 0, 2, (byte) (last == 100 ? 101 : last)};
            }
            case 1 -> new byte[] {(byte) 198, 51, 100, (byte) (1 + random.nextInt(254))};
            default -> new byte[] {(byte) 203, 0, 113, (byte) (1 + random.nextInt(254))};
        };
    }

    /** IPv4 header (20 bytes, TOS 0xc0, protocol 112) then {@code payload}; the kernel fills id and checksum. */
    private static byte[] ipv4(int ttl, byte[] source, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + payload.length));
        b.putShort((short) 0).putShort((short) 0);
        b.put((byte) ttl).put((byte) 112).putShort((short) 0);
        b.put(source).put(GROUP).put(payload);
        return b.array();
    }

    private static int checksum(byte[] m) {
        long s = 0;
        for (int i = 0; i < m.length; i += 2) {
            s += ((m[i] & 0xff) << 8) | (i + 1 < m.length ? m[i + 1] & 0xff : 0);
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
