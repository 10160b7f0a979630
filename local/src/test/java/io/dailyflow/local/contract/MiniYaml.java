package io.dailyflow.local.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the block-style YAML subset our OpenAPI document is written in into maps, lists and
 * strings: block mappings and sequences, literal/folded block scalars, quoted and plain scalars,
 * simple flow sequences ({@code [Auth]}), anchors and aliases. Flow mappings stay strings.
 *
 * <p>Why not SnakeYAML: it is not on the local module's test classpath. With
 * {@code org.yaml:snakeyaml} as a test dependency, {@code new Yaml().load(text)} replaces this
 * class one for one (same Map/List/String tree for everything the contract tests read).
 */
final class MiniYaml {

  private record Line(int indent, String text, int number) {
  }

  private final List<Line> lines = new ArrayList<>();
  private final Map<String, Object> anchors = new HashMap<>();
  private int position;

  private MiniYaml(String text) {
    String[] raw = text.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i];
      String trimmed = line.strip();
      int indent = line.length() - line.stripLeading().length();
      // Blank lines and comments carry nothing, except inside block scalars (kept as blank).
      if (trimmed.startsWith("#")) {
        continue;
      }
      lines.add(new Line(trimmed.isEmpty() ? -1 : indent, trimmed, i + 1));
    }
  }

  static Object parse(String text) {
    MiniYaml yaml = new MiniYaml(text);
    yaml.skipBlank();
    if (yaml.position >= yaml.lines.size()) {
      return null;
    }
    Object root = yaml.block(yaml.current().indent());
    yaml.skipBlank();
    if (yaml.position < yaml.lines.size()) {
      throw yaml.error("unexpected content");
    }
    return root;
  }

  private Line current() {
    return lines.get(position);
  }

  private void skipBlank() {
    while (position < lines.size() && current().indent() < 0) {
      position++;
    }
  }

  private IllegalArgumentException error(String message) {
    int number = position < lines.size() ? current().number() : lines.size();
    return new IllegalArgumentException("YAML line " + number + ": " + message);
  }

  private Object block(int indent) {
    return isSequenceItem(current().text()) ? sequence(indent) : mapping(indent);
  }

  private static boolean isSequenceItem(String text) {
    return text.equals("-") || text.startsWith("- ");
  }

  private Map<String, Object> mapping(int indent) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (true) {
      skipBlank();
      if (position >= lines.size() || current().indent() != indent
          || isSequenceItem(current().text())) {
        if (position < lines.size() && current().indent() > indent) {
          throw error("bad indentation");
        }
        return map;
      }
      String text = current().text();
      int colon = keyEnd(text);
      if (colon < 0) {
        throw error("expected 'key: value'");
      }
      String key = unquote(text.substring(0, colon).strip());
      String rest = text.substring(colon + 1).strip();
      position++;
      map.put(key, value(indent, rest));
    }
  }

  private List<Object> sequence(int indent) {
    List<Object> list = new ArrayList<>();
    while (true) {
      skipBlank();
      if (position >= lines.size() || current().indent() != indent
          || !isSequenceItem(current().text())) {
        return list;
      }
      String content = current().text().substring(1).strip();
      if (content.isEmpty()) {
        position++;
        skipBlank();
        list.add(block(current().indent()));
      } else if (keyEnd(content) > 0 && !content.startsWith("[") && !content.startsWith("{")) {
        // "- key: value" opens a mapping whose keys sit where "key" sits.
        int itemIndent = indent + current().text().indexOf(content);
        lines.set(position, new Line(itemIndent, content, current().number()));
        list.add(mapping(itemIndent));
      } else {
        position++;
        list.add(scalar(content));
      }
    }
  }

  private Object value(int indent, String rest) {
    String anchor = null;
    if (rest.startsWith("&")) {
      int space = rest.indexOf(' ');
      anchor = space < 0 ? rest.substring(1) : rest.substring(1, space);
      rest = space < 0 ? "" : rest.substring(space + 1).strip();
    }
    Object value;
    if (rest.isEmpty()) {
      value = nested(indent);
    } else if (rest.matches("[|>][-+]?")) {
      value = blockScalar(indent, rest.charAt(0) == '|');
    } else {
      value = scalar(rest + continuation(indent));
    }
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  private Object nested(int indent) {
    skipBlank();
    if (position >= lines.size()) {
      return null;
    }
    Line next = current();
    if (next.indent() > indent || (next.indent() == indent && isSequenceItem(next.text()))) {
      return block(next.indent());
    }
    return null;
  }

  /** Plain or quoted scalars may continue on deeper-indented lines (folded with spaces). */
  private String continuation(int indent) {
    StringBuilder more = new StringBuilder();
    while (position < lines.size() && current().indent() > indent) {
      more.append(' ').append(current().text());
      position++;
    }
    return more.toString();
  }

  private String blockScalar(int indent, boolean literal) {
    StringBuilder text = new StringBuilder();
    int contentIndent = -1;
    while (position < lines.size()) {
      Line line = current();
      if (line.indent() >= 0 && line.indent() <= indent) {
        break;
      }
      if (line.indent() >= 0 && contentIndent < 0) {
        contentIndent = line.indent();
      }
      String content = line.indent() < 0 ? "" : " ".repeat(line.indent() - contentIndent)
          + line.text();
      text.append(content).append(literal ? '\n' : ' ');
      position++;
    }
    return text.toString();
  }

  private Object scalar(String text) {
    String value = text.strip();
    if (value.startsWith("*")) {
      String name = value.substring(1);
      if (!anchors.containsKey(name)) {
        throw error("unknown alias *" + name);
      }
      return anchors.get(name);
    }
    if (value.startsWith("[") && value.endsWith("]")) {
      List<Object> items = new ArrayList<>();
      String inner = value.substring(1, value.length() - 1).strip();
      if (!inner.isEmpty()) {
        for (String item : inner.split(",")) {
          items.add(unquote(item.strip()));
        }
      }
      return items;
    }
    return unquote(value);
  }

  /** Index of the colon that ends the key, or -1; quoted keys may contain colons. */
  private static int keyEnd(String text) {
    int from = 0;
    if (text.startsWith("'") || text.startsWith("\"")) {
      int close = text.indexOf(text.charAt(0), 1);
      if (close < 0) {
        return -1;
      }
      from = close + 1;
    }
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      return value.substring(1, value.length() - 1).replace("''", "'");
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return value;
  }
}
