package org.vrrp.config.keepalived;

/**
 * One lexical token of a keepalived configuration: a word (quotes removed, escapes resolved) or a
 * brace, with the place it was written.
 */
record Token(Kind kind, String text, SourceLocation location) {
    enum Kind { WORD, OPEN_BRACE, CLOSE_BRACE }

    boolean isWord() {
        return kind == Kind.WORD;
    }
}
