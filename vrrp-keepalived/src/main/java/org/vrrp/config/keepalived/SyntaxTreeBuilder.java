package org.vrrp.config.keepalived;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the tokens of a file into a tree of {@link ConfigNode}s and splices in included files.
 *
 * <p>keepalived is line oriented: a statement is a keyword and its arguments up to the end of the
 * line, a {@code '{'} or a {@code '}'}. A {@code '{'} opens a block for the statement before it,
 * also when that statement ended on an earlier line (brace on the next line).
 *
 * <p>{@code include GLOB} is resolved against the directory of the including file (for text given
 * without a file, the working directory). Matches are read in sorted order, like glob(3). An include
 * may appear at any level; each included file must balance its own braces. Include chains deeper
 * than {@value #MAX_INCLUDE_DEPTH} and cycles are errors naming the files. Not thread-safe.
 */
final class SyntaxTreeBuilder {
    /** keepalived has no documented limit; 8 levels is far beyond any real layout and stops runaway recursion. */
    static final int MAX_INCLUDE_DEPTH = 8;

    private final Problems problems;
    /** Selects the {@code @ID} lines (see {@link Tokenizer}); null: none. */
    private final String configId;
    /** Real paths of the files being read, outermost first, for cycle detection. */
    private final Deque<Path> including = new ArrayDeque<>();

    SyntaxTreeBuilder(Problems problems) {
        this(problems, null);
    }

    SyntaxTreeBuilder(Problems problems, String configId) {
        this.problems = problems;
        this.configId = configId;
    }

    /** Reads {@code file}, named {@code displayName} in messages; {@code from} is the include statement, or null. */
    List<ConfigNode> parseFile(Path file, String displayName, SourceLocation from) {
        SourceLocation whole = from != null ? from : new SourceLocation(displayName, 0);
        String text;
        Path real;
        try {
            real = file.toRealPath();
            // keepalived reads bytes: a comment in Latin-1 must not make the file unreadable.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException | RuntimeException e) {
            problems.error(whole, "include", "cannot read " + displayName + ": " + describe(e));
            return List.of();
        }
        if (including.contains(real)) {
            problems.error(whole, "include", "include cycle: " + chain(real));
            return List.of();
        }
        if (including.size() > MAX_INCLUDE_DEPTH) {
            problems.error(whole, "include", "include depth exceeds " + MAX_INCLUDE_DEPTH + " at " + displayName
                    + " (" + chain(real) + ")");
            return List.of();
        }
        including.push(real);
        try {
            Path dir = real.getParent();
            return build(Tokenizer.tokenize(text, displayName, problems, configId), dir, displayDir(file));
        } finally {
            including.pop();
        }
    }

    /** Parses text that has no file of its own; includes are relative to the working directory. */
    List<ConfigNode> parseText(String text, String displayName) {
        return build(Tokenizer.tokenize(text, displayName, problems, configId), Path.of("").toAbsolutePath(), null);
    }

    private List<ConfigNode> build(List<Token> tokens, Path dir, Path displayDir) {
        List<ConfigNode> top = new ArrayList<>();
        Deque<List<ConfigNode>> open = new ArrayDeque<>();
        Deque<ConfigNode> openOwners = new ArrayDeque<>();
        List<ConfigNode> list = top;
        ConfigNode current = null;
        for (Token tok : tokens) {
            if (current != null && tok.location().line() != current.location().line()) {
                finish(current, list, dir, displayDir);
                current = null;
            }
            switch (tok.kind()) {
                case WORD:
                    if (current == null) {
                        current = new ConfigNode(tok, new ArrayList<>());
                    } else {
                        current.args().add(tok);
                    }
                    break;
                case OPEN_BRACE: {
                    ConfigNode owner = current;
                    if (owner != null) {
                        list.add(owner);
                        current = null;
                    } else {
                        owner = braceOnNextLine(list, tok);
                        if (owner == null) {
                            problems.error(tok.location(), "{", "'{' with no keyword before it");
                            owner = new ConfigNode(new Token(Token.Kind.WORD, "{", tok.location()), new ArrayList<>());
                        }
                    }
                    open.push(list);
                    openOwners.push(owner);
                    list = owner.openBlock(new ArrayList<>());
                    break;
                }
                case CLOSE_BRACE:
                    if (current != null) {
                        finish(current, list, dir, displayDir);
                        current = null;
                    }
                    if (open.isEmpty()) {
                        problems.error(tok.location(), "}", "'}' without a matching '{'");
                    } else {
                        list = open.pop();
                        openOwners.pop();
                    }
                    break;
                default:
                    throw new AssertionError(tok.kind());
            }
        }
        if (current != null) {
            finish(current, list, dir, displayDir);
        }
        for (ConfigNode owner : openOwners) {
            problems.error(owner.location(), owner.keyword(), "block " + owner + " is not closed: add '}'");
        }
        return top;
    }

    /** The statement a '{' alone at the start of a line belongs to: the last leaf of the list, written on an earlier line. */
    private static ConfigNode braceOnNextLine(List<ConfigNode> list, Token brace) {
        if (list.isEmpty()) {
            return null;
        }
        ConfigNode last = list.get(list.size() - 1);
        boolean earlierLine = last.location().file().equals(brace.location().file())
                && last.location().line() < brace.location().line();
        return !last.isBlock() && earlierLine ? last : null;
    }

    private void finish(ConfigNode statement, List<ConfigNode> list, Path dir, Path displayDir) {
        if (!statement.keyword().equals("include")) {
            list.add(statement);
            return;
        }
        if (statement.argCount() == 0) {
            problems.error(statement.location(), "include", "include needs a file name or glob");
            return;
        }
        for (Token pattern : statement.args()) {
            for (Path match : expand(pattern, dir)) {
                String display = displayDir == null ? match.toString()
                        : displayDir.resolve(dir.relativize(match)).normalize().toString();
                list.addAll(parseFile(match, display, statement.location()));
            }
        }
    }

    /** Files matching the glob, sorted; a literal path that does not exist is an error, an empty wildcard match a warning. */
    private List<Path> expand(Token pattern, Path dir) {
        String glob = pattern.text();
        Path full = dir.resolve(glob).normalize();
        if (!hasWildcard(glob)) {
            if (!Files.isRegularFile(full)) {
                problems.error(pattern.location(), "include", "include " + glob + ": no such file " + full);
                return List.of();
            }
            return List.of(full);
        }
        Path root = full.getRoot() == null ? dir : full.getRoot();
        int fixed = 0;
        for (Path part : full) {
            if (hasWildcard(part.toString())) {
                break;
            }
            root = root.resolve(part);
            fixed++;
        }
        int depth = full.getNameCount() - fixed;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full.toString().replace("\\", "\\\\"));
        List<Path> matches;
        try (Stream<Path> walk = Files.isDirectory(root) ? Files.walk(root, depth) : Stream.empty()) {
            matches = walk.filter(matcher::matches).filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            problems.error(pattern.location(), "include", "include " + glob + ": cannot list " + root + ": " + describe(e));
            return List.of();
        }
        if (matches.isEmpty()) {
            problems.warn(pattern.location(), "include", "include " + glob + " matched no file, nothing included");
        }
        return matches;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private String chain(Path last) {
        List<Path> outerFirst = new ArrayList<>(including);
        java.util.Collections.reverse(outerFirst);
        outerFirst.add(last);
        return outerFirst.stream().map(Path::toString).collect(Collectors.joining(" -> "));
    }

    private static Path displayDir(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** The reason in the words of a file system, not of Java. */
    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "read error";
    }
}
