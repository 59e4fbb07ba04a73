package org.vrrp.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The stack's start-up warm-up ({@link TakeoverWarmUp}) builds every piece of a takeover's stack work, and its
 * stand-in for the kernel's acknowledgement parses as a success. That it reaches neither kernel nor wire is by
 * construction (it holds no descriptor) and seen from outside in {@code it.TakeoverWarmUpIT}.
 */
class TakeoverWarmUpTest {
    @Test
    void buildsBothAddressRequestsAndBothAnnouncementsAndReadsTheAckAsSuccess() {
        int ipv4Add = 16 + 8 + 8 + 8 + 16 + 8; // header, ifaddrmsg, LOCAL, ADDRESS, LABEL "eth0:warm\0", PROTO
        int ipv6Add = 16 + 8 + 20 + 8 + 8; // header, ifaddrmsg, ADDRESS, FLAGS, PROTO
        int ackErrno = 0;
        assertEquals(ipv4Add + ipv6Add + ackErrno + AnnouncementFrames.ARP_FRAME_BYTES
                + AnnouncementFrames.NEIGHBOR_ADVERT_BYTES, TakeoverWarmUp.run());
    }
}
