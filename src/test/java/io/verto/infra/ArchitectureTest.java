package io.verto.infra;

import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dependencies point one way: {@code types} and {@code serialization}, then {@code config} and the component
 * packages (which never import each other), then {@code backup} (on top of {@code kubernetes}' pod spec), then
 * {@code platform}.
 */
class ArchitectureTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.verto\\.infra\\.(\\w+)", Pattern.MULTILINE);
    /** Tier of each top-level package; a package may import only lower tiers, or itself. */
    private static final Map<String, Integer> TIERS = Map.of("types", 0, "serialization", 0, "config", 1, "kubernetes", 1, "aws", 1,
            // monitoring builds on kubernetes (labels, custom objects) and never reads config; backup builds on its pod spec
            "monitoring", 2, "backup", 2, "platform", 3);

    private static final Path MAIN = StackFiles.repoRoot().resolve("src/main/java/io/verto/infra");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> walk = Files.walk(MAIN)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void noPackageImportsItsOwnTierOrAHigherOne() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = sources();
        for (Path file : files) {
            String from = MAIN.relativize(file).getName(0).toString();
            assertTrue(TIERS.containsKey(from), "package " + from + " has no tier in ArchitectureTest");
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(from) && TIERS.getOrDefault(to, 99) >= TIERS.get(from)) {
                    violations.add(MAIN.relativize(file) + " imports " + to);
                }
            }
        }
        assertTrue(files.size() > 20, "found only " + files.size() + " sources");
        assertEquals(List.of(), violations);
    }

    /**
     * Documents written as text (ConfigMap files, IAM policies, docker configs) go through {@code Canonical},
     * whose key order is the same on every run; Jackson's own order is not, and the engine would see a change.
     */
    @Test
    void onlySerializationWritesJsonOrYaml() throws IOException {
        Pattern writes = Pattern.compile("writeValueAsString|writeValueAsBytes|writerWithDefaultPrettyPrinter|new YAMLFactory");
        List<String> writers = new ArrayList<>();
        for (Path file : sources()) {
            if (!MAIN.relativize(file).startsWith("serialization") && writes.matcher(Files.readString(file)).find()) {
                writers.add(MAIN.relativize(file).toString());
            }
        }
        assertEquals(List.of(), writers, "write documents with io.verto.infra.serialization.Canonical");
    }
}
