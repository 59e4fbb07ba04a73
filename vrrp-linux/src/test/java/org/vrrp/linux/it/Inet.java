package org.vrrp.linux.it;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals for tests, parsed without ever asking DNS. */
public final class Inet {
    private Inet() {
    }

    /** Parses an IPv4 or IPv6 literal; anything else is rejected rather than looked up. */
    public static InetAddress address(String literal) {
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }
}
