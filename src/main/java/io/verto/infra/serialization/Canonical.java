package io.verto.infra.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.UncheckedIOException;

/**
 * JSON and YAML text that is the same on every run, for documents that travel as strings (a ConfigMap's
 * file, a Secret's {@code .dockerconfigjson}, an IAM policy). The engine compares such a string as a whole,
 * and a ConfigMap whose data changes is replaced, so text that differs between runs means a perpetual diff.
 * Jackson's default order is not stable: {@code Map.of} iterates in a per-JVM order, and properties that
 * come from accessor methods follow {@code getDeclaredMethods}, whose order differs between JVMs and flags.
 * Here every object's keys, from maps and from properties alike, are written in alphabetical order.
 */
public final class Canonical {
    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE))).build();

    private Canonical() { }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Record components too, so one rule covers every key.
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** {@code value} as compact JSON, keys sorted. */
    public static String json(Object value) {
        return write(JSON, value, false);
    }

    /** {@code value} as indented JSON, keys sorted, for files people read (dashboards). */
    public static String prettyJson(Object value) {
        return write(JSON, value, true);
    }

    /** {@code value} as YAML without a document marker, block literals for multi-line strings, keys sorted. */
    public static String yaml(Object value) {
        return write(YAML, value, false);
    }

    /** A YAML document (a stack file) as a tree; one mapper for YAML in and out. */
    public static com.fasterxml.jackson.databind.JsonNode readYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(ObjectMapper mapper, Object value, boolean indent) {
        try {
            return indent ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value) : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
