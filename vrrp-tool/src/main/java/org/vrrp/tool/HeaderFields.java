package org.vrrp.tool;

import io.netty.buffer.ByteBuf;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.vrrp.packet.DecodeError;
import org.vrrp.packet.DecodeResult;
import org.vrrp.packet.IpDecodeResult;

/**
 * The first VRRP header fields of a message that failed to decode, for showing which router sent it
 * (a bad checksum or auth type from vrid 1 priority 150 is easier to chase than a bare error).
 */
record HeaderFields(int version, int vrid, int priority) {

    /** Failures after which the message may be under 8 bytes or not laid out as VRRP v2/v3 at all. */
    private static final Set<DecodeError> LAYOUT_UNKNOWN =
            EnumSet.of(DecodeError.TRUNCATED, DecodeError.BAD_VERSION, DecodeError.LENGTH_MISMATCH);

    /** The fields of {@code result}'s message inside {@code ipPacket}, if it failed after its layout was known. */
    static Optional<HeaderFields> of(ByteBuf ipPacket, IpDecodeResult.Vrrp result) {
        if (!(result.vrrp() instanceof DecodeResult.Failed failed) || LAYOUT_UNKNOWN.contains(failed.error())) {
            return Optional.empty();
        }
        int start = ipPacket.readerIndex() + result.ip().payloadOffset();
        if (start + 3 > ipPacket.writerIndex()) {
            return Optional.empty();
        }
        return Optional.of(new HeaderFields(ipPacket.getUnsignedByte(start) >>> 4,
                ipPacket.getUnsignedByte(start + 1), ipPacket.getUnsignedByte(start + 2)));
    }
}
