package org.vrrp.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's lexical rules: comments anywhere, quotes joining a word, escapes inside quotes, braces as tokens. */
class TokenizerTest {
    private final Problems problems = new Problems();

    private List<String> words(String line) {
        return Tokenizer.tokenize(line, "t.conf", problems).stream().map(Token::text).toList();
    }

    @Test
    void commentsStartAnywhereWithHashOrBang() {
        assertEquals(List.of("priority", "100"), words("priority 100 # the default"));
        assertEquals(List.of("priority", "100"), words("priority 100 ! the default"));
        assertEquals(List.of(), words("   ! whole line"));
    }

    @Test
    void quotesJoinAWordAndAreRemoved() {
        // keepalived.conf(5): 'abcd" efg h jkl "mnop' is the single string 'abcd efg h jkl mnop'
        assertEquals(List.of("abcd efg h jkl mnop"), words("abcd\" efg h jkl \"mnop"));
        assertEquals(List.of("abcd", "efg h jkl", "mnop"), words("abcd \"efg h jkl\" mnop"));
    }

    @Test
    void singleQuotesInsideDoubleQuotesAreKeptForScriptArguments() {
        assertEquals(List.of("script", "/bin/check 'a b' # not a comment"), words("script \"/bin/check 'a b' # not a comment\""));
    }

    @Test
    void escapesAreResolvedInsideQuotes() {
        assertEquals(List.of("a\tb\"c\\d i"), words("\"a\\tb\\\"c\\\\d \\x69\""));
        assertEquals(List.of("A"), words("\"\\101\""));
    }

    @Test
    void bracesAreTokensEvenWhenAttached() {
        assertEquals(List.of("vrrp_instance", "VI", "{", "}"), words("vrrp_instance VI{}"));
        assertEquals(List.of("{x}"), words("\"{x}\""));
    }

    @Test
    void tokensKeepTheirLine() {
        List<Token> tokens = Tokenizer.tokenize("a\n\n  b # c\n", "t.conf", problems);
        assertEquals(List.of(1, 3), tokens.stream().map(t -> t.location().line()).toList());
        assertFalse(problems.hasErrors());
    }
}
