package org.vrrp.control;

import java.util.List;

/**
 * Writes one flat JSON object on one line, fields in the order added. Just enough JSON for the
 * status output and the tool (strings, integers, booleans, arrays of strings), so that neither needs a
 * JSON library. Not thread-safe.
 */
public final class JsonWriter {
    private final StringBuilder json = new StringBuilder("{");

    /**
     * @param name the field's name
     * @param value its value, written as a JSON string (null as null)
     * @return this writer
     */
    public JsonWriter field(String name, String value) {
        key(name);
        quote(value, json);
        return this;
    }

    /**
     * @param name the field's name
     * @param value its value
     * @return this writer
     */
    public JsonWriter field(String name, long value) {
        key(name);
        json.append(value);
        return this;
    }

    /**
     * @param name the field's name
     * @param value its value
     * @return this writer
     */
    public JsonWriter field(String name, boolean value) {
        key(name);
        json.append(value);
        return this;
    }

    /**
     * @param name the field's name
     * @param values its values, written as a JSON array of strings
     * @return this writer
     */
    public JsonWriter field(String name, List<String> values) {
        key(name);
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(values.get(i), json);
        }
        json.append(']');
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
        quote(name, json);
        json.append(':');
    }

    /**
     * {@code text} as a JSON string literal: quotes, backslashes and control characters escaped.
     *
     * @param text the text
     * @return {@code text} as a JSON string literal, quotes included
     */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        quote(text, quoted);
        return quoted.toString();
    }

    private static void quote(String text, StringBuilder to) {
        to.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    to.append("\\\"");
                    break;
                case '\\':
                    to.append("\\\\");
                    break;
                case '\n':
                    to.append("\\n");
                    break;
                case '\r':
                    to.append("\\r");
                    break;
                case '\t':
                    to.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        to.append(String.format("\\u%04x", (int) c));
                    } else {
                        to.append(c);
                    }
            }
        }
        to.append('"');
    }
}
