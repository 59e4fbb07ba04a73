package org.vrrp.config.keepalived;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads typed values out of statements and reports what is wrong with them, in messages that name
 * the keyword, the value and the allowed range. Every method returns empty after reporting an
 * error, so readers can carry on and collect all errors. Not thread-safe (it writes to Problems).
 */
final class Values {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    /** The name of a named block ({@code vrrp_instance NAME { ... }}), or empty after an error. */
    Optional<String> blockName(ConfigNode block) {
        if (block.argCount() != 1 || !block.isBlock()) {
            problems.error(block.location(), block.keyword(), block.keyword() + " must be written "
                    + block.keyword() + " NAME { ... }, got: " + block);
            return Optional.empty();
        }
        return Optional.of(block.arg(0));
    }

    /** The single argument of {@code node}, or empty after an error saying what is expected. */
    Optional<String> single(ConfigNode node, String expected) {
        if (node.argCount() == 0) {
            problems.error(node.location(), node.keyword(), node.keyword() + " needs a value: " + expected);
            return Optional.empty();
        }
        if (node.argCount() > 1) {
            problems.warn(node.location(), node.keyword(), node.keyword() + " takes one value (" + expected
                    + "); ignored extra words: " + node.argText().substring(node.arg(0).length() + 1));
        }
        return Optional.of(node.arg(0));
    }

    /** A whole number in {@code min..max}. */
    OptionalInt intInRange(ConfigNode node, int min, int max) {
        return intInRange(node, min, max, "");
    }

    /** A whole number in {@code min..max}; {@code note} is appended to the out-of-range message. */
    OptionalInt intInRange(ConfigNode node, int min, int max, String note) {
        Optional<String> text = single(node, "a whole number in " + min + ".." + max);
        return text.isEmpty() ? OptionalInt.empty() : intInRange(node, node.keyword(), text.get(), min, max, note);
    }

    /** {@code text} as a whole number in {@code min..max}, reported against {@code keyword}. */
    OptionalInt intInRange(ConfigNode node, String keyword, String text, int min, int max, String note) {
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            problems.error(node.location(), keyword, keyword + " " + text + " is not a whole number in " + min + ".." + max);
            return OptionalInt.empty();
        }
        if (value < min || value > max) {
            problems.error(node.location(), keyword, keyword + " " + text + " is out of range " + min + ".." + max + note);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value);
    }

    /**
     * A decimal number of seconds converted to whole units of {@code 10^-decimals} s (2 for
     * centiseconds, 3 for milliseconds, 6 for microseconds), in {@code minUnits..maxUnits}. A value
     * finer than the unit is an error rather than silently rounded: the protocol cannot honour it.
     */
    OptionalInt seconds(ConfigNode node, int decimals, long minUnits, long maxUnits) {
        String range = formatSeconds(minUnits, decimals) + ".." + formatSeconds(maxUnits, decimals) + " s";
        Optional<String> text = single(node, "seconds in " + range);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        BigDecimal units;
        try {
            units = new BigDecimal(text.get()).movePointRight(decimals);
        } catch (NumberFormatException e) {
            problems.error(node.location(), node.keyword(), node.keyword() + " " + text.get() + " is not a number of seconds in " + range);
            return OptionalInt.empty();
        }
        if (units.stripTrailingZeros().scale() > 0) {
            problems.error(node.location(), node.keyword(), node.keyword() + " " + text.get() + " is finer than the "
                    + formatSeconds(1, decimals) + " s resolution; use a multiple of " + formatSeconds(1, decimals) + " s");
            return OptionalInt.empty();
        }
        if (units.compareTo(BigDecimal.valueOf(minUnits)) < 0 || units.compareTo(BigDecimal.valueOf(maxUnits)) > 0) {
            problems.error(node.location(), node.keyword(), node.keyword() + " " + text.get() + " is out of range " + range);
            return OptionalInt.empty();
        }
        return OptionalInt.of(units.intValueExact());
    }

    /** keepalived's optional {@code <BOOL>}: absent means true; on|true|yes, off|false|no. */
    Optional<Boolean> optionalBool(ConfigNode node) {
        if (node.argCount() == 0) {
            return Optional.of(true);
        }
        switch (node.arg(0).toLowerCase(Locale.ROOT)) {
            case "on": case "true": case "yes":
                return Optional.of(true);
            case "off": case "false": case "no":
                return Optional.of(false);
            default:
                problems.error(node.location(), node.keyword(), node.keyword() + " " + node.arg(0)
                        + " is not a boolean; use on|off|true|false|yes|no or nothing (= on)");
                return Optional.empty();
        }
    }

    /** An IPv4 or IPv6 literal (never a host name: a configuration must not depend on DNS). */
    Optional<InetAddress> address(ConfigNode node, String keyword, String text) {
        boolean literal = IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
        if (literal) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                // fall through to the error below
            }
        }
        problems.error(node.location(), keyword, keyword + " " + text + " is not an IPv4 or IPv6 address");
        return Optional.empty();
    }

    static String formatSeconds(long units, int decimals) {
        return BigDecimal.valueOf(units).movePointLeft(decimals).stripTrailingZeros().toPlainString();
    }
}
