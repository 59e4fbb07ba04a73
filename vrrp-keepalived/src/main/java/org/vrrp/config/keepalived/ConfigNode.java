package org.vrrp.config.keepalived;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One statement of a keepalived configuration: a keyword, its arguments, and for a block the
 * statements inside its braces. Built by {@link SyntaxTreeBuilder}; the lists are only mutated while
 * building, and read afterwards.
 */
final class ConfigNode {
    private final Token keyword;
    private final List<Token> args;
    private List<ConfigNode> children;

    ConfigNode(Token keyword, List<Token> args) {
        this.keyword = keyword;
        this.args = args;
    }

    String keyword() {
        return keyword.text();
    }

    SourceLocation location() {
        return keyword.location();
    }

    List<Token> args() {
        return args;
    }

    int argCount() {
        return args.size();
    }

    String arg(int index) {
        return args.get(index).text();
    }

    /** The arguments joined by single spaces, as written after the keyword. */
    String argText() {
        return args.stream().map(Token::text).collect(Collectors.joining(" "));
    }

    boolean isBlock() {
        return children != null;
    }

    /** The statements inside the braces; empty for a statement that is not a block. */
    List<ConfigNode> children() {
        return children == null ? List.of() : children;
    }

    List<ConfigNode> openBlock(List<ConfigNode> list) {
        this.children = list;
        return list;
    }

    /** {@code keyword arg1 arg2}, for messages. */
    @Override
    public String toString() {
        return args.isEmpty() ? keyword() : keyword() + " " + argText();
    }
}
