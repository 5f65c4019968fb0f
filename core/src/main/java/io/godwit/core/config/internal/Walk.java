package io.godwit.core.config.internal;

import io.godwit.core.config.ConfigProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over one config file: the problems found so far and the line of every key path seen, so
 * that checks running after parsing (cross references, unused rules) can still name a line.
 */
public final class Walk {
    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();

    public Walk(String file) {
        this.file = file;
    }

    public String file() { return file; }

    /** The problems in the order of their lines (checks that run after parsing add theirs last). */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(sorted);
    }

    public void problem(int line, String path, String message) {
        problems.add(new ConfigProblem(file, line, path, message));
    }

    /** A problem at the line where {@code path} (or its nearest enclosing key) was seen. */
    public void problem(String path, String message) {
        problem(lineOf(path), path, message);
    }

    void notSupported(int line, String path, String value) {
        problems.add(ConfigProblem.notSupported(file, line, path, value));
    }

    void notSupportedPart(int line, String path, String part) {
        problems.add(ConfigProblem.notSupportedPart(file, line, path, part));
    }

    void mark(String path, Node node) {
        lines.putIfAbsent(path, lineOf(node));
    }

    /** Whether the file spelled out this key path. */
    public boolean seen(String path) { return lines.containsKey(path); }

    /** The line of {@code path}, else of its nearest enclosing key seen; 0 when none was. */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = parent(p);
        }
        return 0;
    }

    /**
     * The node tree of {@code text}, or null after reporting why there is none. SnakeYAML's composer
     * keeps a start mark on every node; that is where all line numbers come from.
     */
    public Node compose(String text) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root == null) {
                problem(0, "", "the file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            problem(mark == null ? 0 : mark.getLine() + 1, "", "malformed YAML: " + flat(what + context));
            return null;
        } catch (YAMLException e) {
            problem(0, "", "malformed YAML: " + flat(String.valueOf(e.getMessage())));
            return null;
        }
    }

    public static int lineOf(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public static String item(String path, int index) {
        return path + "[" + index + "]";
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
