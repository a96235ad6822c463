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
 * Dependencies point one way: {@code types}, then {@code config} and the component packages (which
 * never import each other), then {@code backup} (on top of {@code kubernetes}' pod spec), then {@code platform}.
 */
class ArchitectureTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.verto\\.infra\\.(\\w+)", Pattern.MULTILINE);
    /** Tier of each top-level package; a package may import only lower tiers, or itself. */
    private static final Map<String, Integer> TIERS = Map.of("types", 0, "config", 1, "kubernetes", 1, "aws", 1,
            // monitoring builds on kubernetes (labels, custom objects) and never reads config; backup builds on its pod spec
            "monitoring", 2, "backup", 2, "platform", 3);

    @Test
    void noPackageImportsItsOwnTierOrAHigherOne() throws IOException {
        Path main = StackFiles.repoRoot().resolve("src/main/java/io/verto/infra");
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(main)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String from = main.relativize(file).getName(0).toString();
            assertTrue(TIERS.containsKey(from), "package " + from + " has no tier in ArchitectureTest");
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(from) && TIERS.getOrDefault(to, 99) >= TIERS.get(from)) {
                    violations.add(main.relativize(file) + " imports " + to);
                }
            }
        }
        assertTrue(files.size() > 20, "found only " + files.size() + " sources");
        assertEquals(List.of(), violations);
    }
}
