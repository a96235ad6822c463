package io.verto.infra.serialization;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.SortedKeys.assertSortedJson;
import static io.verto.infra.testing.SortedKeys.assertSortedYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalTest {
    /** Components out of order, plus a property from an accessor method: the two orders Jackson does not fix. */
    record Doc(String zulu, int alpha, Map<String, Object> mike) {
        @JsonProperty("kilo")
        public String kilo() { return "k"; }

        @JsonProperty("bravo")
        public List<Map<String, String>> bravo() { return List.of(Map.of("y", "1", "x", "2", "w", "3", "v", "4")); }
    }

    private static final Doc DOC = new Doc("z", 1, Map.of("golf", 1, "echo", 2, "hotel", 3, "delta", 4, "foxtrot", 5,
            "charlie", Map.of("b", 1, "a", 2)));

    @Test
    void jsonWritesEveryObjectsKeysInAlphabeticalOrder() {
        assertSortedJson(Canonical.json(DOC));
        assertEquals("{\"alpha\":1,\"bravo\":[{\"v\":\"4\",\"w\":\"3\",\"x\":\"2\",\"y\":\"1\"}],\"kilo\":\"k\",\"mike\":"
                + "{\"charlie\":{\"a\":2,\"b\":1},\"delta\":4,\"echo\":2,\"foxtrot\":5,\"golf\":1,\"hotel\":3},\"zulu\":\"z\"}",
                Canonical.json(DOC));
    }

    @Test
    void prettyJsonIsTheSameDocumentIndented() throws Exception {
        String pretty = Canonical.prettyJson(DOC);
        assertSortedJson(pretty);
        assertTrue(pretty.startsWith("{\n  \"alpha\" : 1,"), pretty);
        assertEquals(new ObjectMapper().readTree(Canonical.json(DOC)), new ObjectMapper().readTree(pretty));
    }

    @Test
    void yamlWritesSortedKeysWithoutADocumentMarkerAndMultiLineStringsAsLiterals() {
        String yaml = Canonical.yaml(Map.of("rules", List.of(Map.of("expr", "up == 0\nor absent(up)", "alert", "Down"))));
        assertSortedYaml(yaml);
        assertEquals("rules:\n- alert: Down\n  expr: |-\n    up == 0\n    or absent(up)\n", yaml);
    }
}
