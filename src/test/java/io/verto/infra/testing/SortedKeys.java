package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Asserts that a JSON or YAML document writes every object's keys in alphabetical order, which is what
 * makes text from {@code Canonical} the same on every run. Parsed into Jackson's tree, which keeps the
 * document's key order.
 */
public final class SortedKeys {
    private SortedKeys() { }

    public static void assertSortedJson(String json) {
        assertSorted(read(new ObjectMapper(), json), "$");
    }

    public static void assertSortedYaml(String yaml) {
        assertSorted(read(new YAMLMapper(), yaml), "$");
    }

    private static JsonNode read(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSorted(JsonNode node, String path) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            assertEquals(keys.stream().sorted().toList(), keys, "keys of " + path + " are not in alphabetical order");
            node.fields().forEachRemaining(e -> assertSorted(e.getValue(), path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSorted(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
