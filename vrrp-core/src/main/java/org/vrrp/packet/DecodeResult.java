package org.vrrp.packet;

import java.util.Objects;

/**
 * What {@link VrrpCodec#decode} made of a VRRP message: a packet and the checksum form that verified
 * it, or the first rule the message broke. Immutable and thread-safe.
 */
public sealed interface DecodeResult permits DecodeResult.Ok, DecodeResult.Failed {

    /**
     * A well-formed message.
     *
     * @param packet       the decoded advertisement
     * @param checksumForm what the sender's checksum covered (for v3 over IPv4, tells a keepalived/FRR
     *                     peer from an RFC 9568 one)
     */
    record Ok(VrrpPacket packet, ChecksumForm checksumForm) implements DecodeResult {
        /**
         * Checks that the components are present.
         *
         * @param packet the decoded advertisement
         * @param checksumForm what the sender's checksum covered (for v3 over IPv4, tells a keepalived/FRR peer from an RFC 9568 one)
         */
        public Ok {
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(checksumForm, "checksumForm");
        }
    }

    /**
     * A rejected message.
     *
     * @param error  the rule it broke; maps one-to-one to a receive-error counter
     * @param detail human text naming the offending value, e.g. {@code "version 4"}
     */
    record Failed(DecodeError error, String detail) implements DecodeResult {
        /**
         * Checks that the components are present.
         *
         * @param error the rule it broke; maps one-to-one to a receive-error counter
         * @param detail human text naming the offending value, e.g. {@code "version 4"}
         */
        public Failed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return error.wireName() + ": " + detail;
        }
    }
}
