package org.vrrp.tool;

import org.vrrp.control.JsonWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    @Test
    void ipv6AddressesInRfc5952Form() throws Exception {
        assertEquals("fe80::ff:fe00:a", AddressText.of(InetAddress.getByName("fe80:0:0:0:0:ff:fe00:a")));
        assertEquals("ff02::12", AddressText.of(InetAddress.getByName("ff02::12")));
        assertEquals("::", AddressText.of(InetAddress.getByName("::")));
        assertEquals("::1", AddressText.of(InetAddress.getByName("::1")));
        assertEquals("2001:db8::1:0:0:1", AddressText.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", AddressText.of(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("1::", AddressText.of(InetAddress.getByName("1:0:0:0:0:0:0:0")));
        assertEquals("192.0.2.1", AddressText.of(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void jsonEscapesWhatItMust() {
        String json = new JsonWriter().field("s", "a\"b\\c\n\u0001\u007f\u00e9").field("n", -3).field("b", true)
                .field("l", List.of("x", "\"")).toString();
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u007f\u00e9\",\"n\":-3,\"b\":true,\"l\":[\"x\",\"\\\"\"]}", json);
        assertEquals(Map.of("s", "a\"b\\c\n\u0001\u007f\u00e9", "n", -3L, "b", true, "l", List.of("x", "\"")),
                MiniJson.parseObject(json));
    }
}
