package org.vrrp.linux.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness's `ip -j` reader against output captured from iproute2 6.1 (Debian bookworm). */
class IpJsonTest {
    @Test
    void readsAddressesWithPrefixAndTentativeFlag() {
        String json = "[{\"ifindex\":1,\"ifname\":\"eth0\",\"flags\":[\"UP\",\"LOWER_UP\"],\"mtu\":1500,"
                + "\"addr_info\":[{\"family\":\"inet\",\"local\":\"192.0.2.5\",\"prefixlen\":24,\"scope\":\"global\","
                + "\"label\":\"eth0\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},"
                + "{\"family\":\"inet6\",\"local\":\"2001:db8::99\",\"prefixlen\":64,\"scope\":\"global\","
                + "\"tentative\":true,\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295}]}]";
        assertEquals(List.of(new IpJson.KernelAddress("inet", "192.0.2.5", 24, false),
                new IpJson.KernelAddress("inet6", "2001:db8::99", 64, true)), IpJson.addresses(json));
    }

    @Test
    void readsTheNeighbourMacAndSkipsFailedEntries() {
        assertEquals(Optional.of("02:00:00:00:00:01"), IpJson.neighbourMac(
                "[{\"dst\":\"192.0.2.100\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:01\",\"state\":[\"STALE\"]}]"));
        assertEquals(Optional.empty(), IpJson.neighbourMac(
                "[{\"dst\":\"192.0.2.100\",\"dev\":\"eth0\",\"state\":[\"FAILED\"]}]"));
        assertEquals(Optional.empty(), IpJson.neighbourMac("[]"));
    }

    @Test
    void comparesAddressesByValue() {
        assertTrue(IpJson.sameAddress("2001:db8::64", "2001:0db8:0:0:0:0:0:64"));
    }
}
