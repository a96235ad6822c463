package io.verto.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Config values as the engine hands them over: plain text, or JSON for objects and lists. */
final class ConfigNodes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigNodes() { }

    /** JSON text parsed (objects, lists); anything else as text. */
    static JsonNode parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (IOException e) {
                // Not JSON after all: a plain value that happens to start with a bracket.
            }
        }
        return TextNode.valueOf(text);
    }

    /** A value node's text; a list's items joined with commas; an object as JSON. */
    static String text(JsonNode node) {
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(ConfigNodes::text).collect(Collectors.joining(","));
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    static void collectLeaves(JsonNode node, List<JsonNode> leaves) {
        if (node.isContainerNode()) {
            node.forEach(child -> collectLeaves(child, leaves));
        } else {
            leaves.add(node);
        }
    }

    static boolean parses(Function<String, ?> parser, String value) {
        try {
            parser.apply(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

}
