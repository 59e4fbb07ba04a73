package org.vrrp.protocol;

import java.util.Optional;
import org.vrrp.packet.Advert;

/**
 * Why an advert's address list is not the instance's own, as keepalived 2.2.7 judges it
 * (vrrp.c, {@code vrrp_check_packet}): the count must equal the instance's number of VIPs, and each VIP
 * must be in the advert. keepalived drops such an advert (counting {@code addr_list_err}), and so does the
 * machine: a router advertising other addresses on this VRID is not this virtual router's master or
 * backup, whatever its priority. RFC 9568 7.1 lets a receiver check the list ("MAY"); with an instance of
 * no VIP (keepalived runs a VRRPv2 one) it is the count, 0, that pairs it with its peer.
 */
enum AddressListMismatch {
    /** The advert carries another number of addresses than the instance has VIPs. */
    COUNT,
    /** As many addresses, but one of the instance's VIPs is not among them. */
    ADDRESS_MISSING;

    /**
     * The mismatch of {@code advert} against {@code ours}, the instance's VIP addresses as bytes; empty when they
     * agree. Compares bytes: an accepted advert (the every-interval case) allocates nothing here.
     */
    static Optional<AddressListMismatch> of(Advert advert, byte[][] ours) {
        if (advert.addressCount() != ours.length) {
            return Optional.of(COUNT);
        }
        for (byte[] a : ours) {
            if (!lists(advert, a)) {
                return Optional.of(ADDRESS_MISSING);
            }
        }
        return Optional.empty();
    }

    private static boolean lists(Advert advert, byte[] address) {
        for (int i = 0; i < advert.addressCount(); i++) {
            if (advert.addressEquals(i, address)) {
                return true;
            }
        }
        return false;
    }
}
