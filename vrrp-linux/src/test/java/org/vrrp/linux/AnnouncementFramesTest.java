package org.vrrp.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnnouncementFramesTest {
    private static final byte[] MAC = HexFormat.of().parseHex("020000000002");

    @Test
    void gratuitousArpIsABroadcastRequestWithSenderAndTargetTheVip() {
        byte[] frame = AnnouncementFrames.gratuitousArp(MAC, new byte[] {(byte) 192, 0, 2, 100});
        assertArrayEquals(HexFormat.of().parseHex(
                "ffffffffffff" + "020000000002" + "0806"          // Ethernet: broadcast, from our MAC, ARP
                        + "0001" + "0800" + "06" + "04" + "0001"   // Ethernet/IPv4, request
                        + "020000000002" + "c0000264"              // sender: our MAC, the VIP
                        + "000000000000" + "c0000264"), frame);    // target: zero MAC, the VIP
    }

    @Test
    void neighborAdvertHasRouterAndOverrideButNotSolicitedAndOurMacAsOption() {
        byte[] vip = HexFormat.of().parseHex("20010db8000000000000000000000100");
        byte[] na = AnnouncementFrames.unsolicitedNeighborAdvert(MAC, vip);
        assertArrayEquals(HexFormat.of().parseHex(
                "88" + "00" + "0000"                      // type 136, code 0, checksum left to the kernel
                        + "a0000000"                       // R=1 S=0 O=1
                        + "20010db8000000000000000000000100"
                        + "02" + "01" + "020000000002"), na); // target link-layer address option
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AnnouncementFrames.gratuitousArp(new byte[5], new byte[4]));
        assertThrows(IllegalArgumentException.class,
                () -> AnnouncementFrames.unsolicitedNeighborAdvert(MAC, new byte[4]));
    }
}
