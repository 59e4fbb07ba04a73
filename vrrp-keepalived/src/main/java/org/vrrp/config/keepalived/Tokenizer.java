package org.vrrp.config.keepalived;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one file into tokens the way keepalived does.
 *
 * <ul>
 *   <li>Words are separated by whitespace. {@code '{'} and {@code '}'} outside quotes are tokens of
 *       their own even when written against a word ({@code vrrp_instance VI_1{}).</li>
 *   <li>{@code #} and {@code !} outside quotes start a comment that runs to the end of the line,
 *       anywhere in the line (keepalived.conf(5): "Comments ... can start anywhere in a line").</li>
 *   <li>Text between {@code "} or {@code '} is part of the current word, whitespace included; the
 *       quote characters are removed, so {@code "a b"c} is the single word {@code a bc}. Inside a
 *       double-quoted part a single quote is kept (and vice versa): script commands use single
 *       quotes to group their own arguments. Backslash escapes are resolved inside quotes only.</li>
 * </ul>
 *
 * A quote must be closed on the line it opens.
 *
 * <p>Conditional lines, as keepalived 2.2.7 (lib/parser.c) reads them: a line whose first word (after
 * leading blanks) is {@code @ID} is read, without that word, only when the configuration id is
 * {@code ID}; a line starting {@code @^ID} is read only when it is not. A line with nothing after the
 * {@code @} word is dropped. keepalived's id is its {@code -i}/{@code --config-id} option, else the host
 * name up to the first dot ({@link ConfigId#defaultId()}). Not thread-safe; one instance per file.
 */
final class Tokenizer {
    private final String file;
    private final Problems problems;
    private final String configId;
    private final List<Token> tokens = new ArrayList<>();

    private Tokenizer(String file, Problems problems, String configId) {
        this.file = file;
        this.problems = problems;
        this.configId = configId;
    }

    /** Tokenizes with no configuration id: {@code @ID} lines are dropped, {@code @^ID} lines read. */
    static List<Token> tokenize(String text, String file, Problems problems) {
        return tokenize(text, file, problems, null);
    }

    /** Tokenizes {@code text}; {@code configId} (may be null) selects the {@code @ID} lines that are read. */
    static List<Token> tokenize(String text, String file, Problems problems, String configId) {
        Tokenizer t = new Tokenizer(file, problems, configId);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = t.conditional(lines[i]);
            if (line != null) {
                t.line(line, new SourceLocation(file, i + 1));
            }
        }
        return t.tokens;
    }

    /** The line as read: unchanged, without its {@code @ID} word, or null when it is not for this id. */
    private String conditional(String line) {
        int start = 0;
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        if (start == line.length() || line.charAt(start) != '@') {
            return line;
        }
        boolean reverse = start + 1 < line.length() && line.charAt(start + 1) == '^';
        int idStart = start + (reverse ? 2 : 1);
        int idEnd = idStart;
        while (idEnd < line.length() && line.charAt(idEnd) != ' ' && line.charAt(idEnd) != '\t') {
            idEnd++;
        }
        if (idEnd == line.length()) {
            return null; // keepalived needs something after the id
        }
        boolean matches = configId != null && line.substring(idStart, idEnd).equals(configId);
        if (matches == reverse) {
            return null;
        }
        // Blank out the @ID word so that columns stay where they were.
        return " ".repeat(idEnd) + line.substring(idEnd);
    }

    private void line(String line, SourceLocation at) {
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '#' || c == '!') {
                break;
            }
            if (Character.isWhitespace(c) || c == '{' || c == '}') {
                if (word != null) {
                    tokens.add(new Token(Token.Kind.WORD, word.toString(), at));
                    word = null;
                }
                if (c == '{') {
                    tokens.add(new Token(Token.Kind.OPEN_BRACE, "{", at));
                } else if (c == '}') {
                    tokens.add(new Token(Token.Kind.CLOSE_BRACE, "}", at));
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '"' || c == '\'') {
                i = quoted(line, i, word, at);
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            tokens.add(new Token(Token.Kind.WORD, word.toString(), at));
        }
    }

    /** Appends the quoted part starting at {@code open} to {@code word}; returns the index after the closing quote. */
    private int quoted(String line, int open, StringBuilder word, SourceLocation at) {
        char quote = line.charAt(open);
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                i = escape(line, i + 1, word);
            } else {
                word.append(c);
                i++;
            }
        }
        // Keep what was read as the word, so one missing quote gives one error and not a cascade.
        problems.error(at, "quote", "unterminated " + quote + " quote; close it on the same line");
        return line.length();
    }

    /** Resolves the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(String line, int i, StringBuilder out) {
        char c = line.charAt(i);
        switch (c) {
            case 'a': out.append('\u0007'); return i + 1;
            case 'b': out.append('\b'); return i + 1;
            case 'E': out.append('\u001b'); return i + 1;
            case 'f': out.append('\f'); return i + 1;
            case 'n': out.append('\n'); return i + 1;
            case 'r': out.append('\r'); return i + 1;
            case 't': out.append('\t'); return i + 1;
            case 'v': out.append('\u000b'); return i + 1;
            case 'c':
                if (i + 1 < line.length()) {
                    out.append((char) (Character.toUpperCase(line.charAt(i + 1)) ^ 0x40));
                    return i + 2;
                }
                out.append(c);
                return i + 1;
            case 'x': {
                int end = i + 1;
                while (end < line.length() && end < i + 3 && Character.digit(line.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    return end;
                }
                out.append((char) Integer.parseInt(line.substring(i + 1, end), 16));
                return end;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int end = i;
                    while (end < line.length() && end < i + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) Integer.parseInt(line.substring(i, end), 8));
                    return end;
                }
                out.append(c);
                return i + 1;
        }
    }
}
