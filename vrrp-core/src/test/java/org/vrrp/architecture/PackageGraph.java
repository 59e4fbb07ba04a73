package org.vrrp.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package uses which, read from the constant pools of compiled class files: every class name and type
 * descriptor a class file mentions (not its string literals). Java 17 has no class-file API, and the constant pool
 * is the part we need, so this reads it by hand (JVMS 4.4).
 */
final class PackageGraph {
    private static final Pattern TYPE = Pattern.compile("(?:^|[L(;\\[<])((?:[a-z_][a-z0-9_]*/)+)[A-Za-z_$][\\w$]*");

    /** package -> package it uses -> one class-level example, "a.B -> c.D". */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    void add(String fromClass, String toClass) {
        String from = packageOf(fromClass);
        String to = packageOf(toClass);
        if (!from.equals(to)) {
            edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, fromClass + " -> " + toClass);
        }
        edges.computeIfAbsent(to, k -> new TreeMap<>());
    }

    /** The graph of the classes under {@code root} whose packages start with {@code prefix} (e.g. "org.vrrp"). */
    static PackageGraph ofClasses(Path root, String prefix) throws IOException {
        PackageGraph g = new PackageGraph();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(f)) {
                    ClassRefs refs = read(in);
                    if (!refs.name.startsWith(prefix + ".")) {
                        continue;
                    }
                    g.edges.computeIfAbsent(packageOf(refs.name), k -> new TreeMap<>());
                    for (String used : refs.used) {
                        if (used.startsWith(prefix + ".")) {
                            g.add(refs.name, used);
                        }
                    }
                }
            }
        }
        return g;
    }

    /** The cycles: each strongly connected set of two or more packages, with the edges that close it. */
    List<String> cycles() {
        List<String> found = new ArrayList<>();
        for (Set<String> component : stronglyConnected()) {
            if (component.size() < 2) {
                continue;
            }
            StringBuilder sb = new StringBuilder("cycle between " + component + ":");
            for (String from : component) {
                edges.get(from).forEach((to, example) -> {
                    if (component.contains(to)) {
                        sb.append("\n  ").append(from).append(" -> ").append(to).append("  (").append(example)
                                .append(')');
                    }
                });
            }
            found.add(sb.toString());
        }
        return found;
    }

    /** One class-level use behind the edge {@code from -> to}, "a.B -> c.D"; null if there is no such edge. */
    String example(String from, String to) {
        return edges.getOrDefault(from, Map.of()).get(to);
    }

    Map<String, Set<String>> edges() {
        Map<String, Set<String>> m = new TreeMap<>();
        edges.forEach((k, v) -> m.put(k, new TreeSet<>(v.keySet())));
        return m;
    }

    /** Tarjan's algorithm, iterative enough for a few dozen packages (recursion depth = package count). */
    private List<Set<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> result = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, index, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<Set<String>> result, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, result, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            result.add(component);
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private record ClassRefs(String name, Set<String> used) {
    }

    /** This class's name and every class named in its constant pool, dotted. */
    static ClassRefs read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameAt = new int[count]; // Class entry -> its name's Utf8 entry
        Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameAt[i] = in.readUnsignedShort(); // Class
                case 8 -> literals.add(in.readUnsignedShort()); // String: a literal, not a dependency
                case 16, 19, 20 -> in.readUnsignedShort(); // MethodType, Module, Package
                case 15 -> { // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, dynamic
                case 5, 6 -> { // Long, Double take two slots
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        in.readUnsignedShort(); // access flags
        String name = utf8[classNameAt[in.readUnsignedShort()]].replace('/', '.');
        Set<Integer> classNames = new HashSet<>();
        for (int at : classNameAt) {
            classNames.add(at);
        }
        Set<String> used = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] == null || literals.contains(i) && !classNames.contains(i)) {
                continue;
            }
            if (classNames.contains(i) && !utf8[i].startsWith("[")) {
                used.add(utf8[i].replace('/', '.'));
                continue;
            }
            Matcher m = TYPE.matcher(utf8[i]);
            while (m.find()) {
                used.add(utf8[i].substring(m.start(1), m.end()).replace('/', '.'));
            }
        }
        return new ClassRefs(name, used);
    }
}
