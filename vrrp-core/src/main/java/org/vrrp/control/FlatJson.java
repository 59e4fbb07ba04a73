package org.vrrp.control;

import java.util.Locale;

/**
 * Writes one flat JSON object on one line (strings and integers), fields in the order added. Enough for
 * the status output, so that vrrp-core needs no JSON library. Not thread-safe.
 */
final class FlatJson {
    private final StringBuilder json = new StringBuilder("{");

    FlatJson field(String name, String value) {
        key(name);
        quote(value);
        return this;
    }

    FlatJson field(String name, long value) {
        key(name);
        json.append(value);
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private void key(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(name);
        json.append(':');
    }

    private void quote(String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
