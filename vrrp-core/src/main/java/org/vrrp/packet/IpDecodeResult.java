package org.vrrp.packet;

import java.util.Objects;

/**
 * What {@link IpDatagram#decodeIp} made of a whole IP packet. Immutable and thread-safe.
 */
public sealed interface IpDecodeResult
        permits IpDecodeResult.Vrrp, IpDecodeResult.NotVrrp, IpDecodeResult.Unreadable {

    /**
     * A VRRP packet (protocol 112): its IP header and the decoded message, which may have failed,
     * including with {@link DecodeError#LENGTH_MISMATCH} when the IP length fields disagree with the bytes.
     */
    record Vrrp(IpHeader ip, DecodeResult vrrp) implements IpDecodeResult {
        /**
         * Checks that the components are present.
         *
         * @param ip the ip
         * @param vrrp the vrrp
         */
        public Vrrp {
            Objects.requireNonNull(ip, "ip");
            Objects.requireNonNull(vrrp, "vrrp");
        }
    }

    /** A readable IP packet of another protocol; its payload was not looked at. */
    record NotVrrp(IpHeader ip) implements IpDecodeResult {
        /**
         * Checks that the components are present.
         *
         * @param ip the ip
         */
        public NotVrrp {
            Objects.requireNonNull(ip, "ip");
        }
    }

    /** The IP header itself could not be read, so not even the protocol is known. */
    record Unreadable(DecodeError error, String detail) implements IpDecodeResult {
        /**
         * Checks that the components are present.
         *
         * @param error the error
         * @param detail the detail
         */
        public Unreadable {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
