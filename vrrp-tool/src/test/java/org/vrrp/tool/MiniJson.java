package org.vrrp.tool;

import org.vrrp.control.JsonWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the flat JSON objects the tool prints (strings, integers, booleans, arrays of
 * strings), written apart from {@link JsonWriter} so the tests check the output as a JSON reader would.
 */
final class MiniJson {
    private final String text;
    private int at;

    private MiniJson(String text) {
        this.text = text;
    }

    /** Field name to String, Long, Boolean or List of String, in order. */
    static Map<String, Object> parseObject(String line) {
        MiniJson parser = new MiniJson(line);
        Map<String, Object> object = parser.object();
        if (parser.at != line.length()) {
            throw parser.error("trailing text");
        }
        return object;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> fields = new LinkedHashMap<>();
        if (peek() == '}') {
            at++;
            return fields;
        }
        do {
            String name = string();
            expect(':');
            if (fields.put(name, value()) != null) {
                throw error("duplicate field " + name);
            }
        } while (consume(','));
        expect('}');
        return fields;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            at++;
            List<String> list = new ArrayList<>();
            if (!consume(']')) {
                do {
                    list.add(string());
                } while (consume(','));
                expect(']');
            }
            return list;
        }
        if (text.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        int start = at;
        if (c == '-') {
            at++;
        }
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw error("value expected");
        }
        return Long.parseLong(text.substring(start, at));
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return s.toString();
            }
            if (c < 0x20) {
                throw error("raw control character in string");
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': case '\\': case '/': s.append(e); break;
                case 'n': s.append('\n'); break;
                case 'r': s.append('\r'); break;
                case 't': s.append('\t'); break;
                case 'b': s.append('\b'); break;
                case 'f': s.append('\f'); break;
                case 'u':
                    s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                    break;
                default:
                    throw error("bad escape \\" + e);
            }
        }
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + at + " in " + text);
    }
}
