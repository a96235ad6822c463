package io.verto.infra.config;

import io.verto.infra.platform.VertoApplication;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's settings reference is the one {@link SettingsReference} generates from the declared
 * settings. To refresh it after changing a setting: {@code mvn -q test -Dtest=SettingsReferenceTest -Dverto.updateReadme=true}.
 */
class SettingsReferenceTest {
    private static final List<ServiceSize> SERVICES = VertoApplication.catalogue().sizes();

    static final String BEGIN = "<!-- settings-reference:begin (generated: mvn -q test -Dtest=SettingsReferenceTest -Dverto.updateReadme=true) -->\n";
    static final String END = "<!-- settings-reference:end -->";

    @Test
    void readmeListsExactlyTheDeclaredSettings() throws IOException {
        Path readme = StackFiles.repoRoot().resolve("README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md needs the markers " + BEGIN.trim() + " ... " + END);
        String current = text.substring(begin + BEGIN.length(), end);
        String generated = SettingsReference.markdown(SERVICES);
        if (Boolean.getBoolean("verto.updateReadme")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end));
            current = generated;
        }
        assertEquals(generated, current, "README.md's settings reference is stale: run "
                + "mvn -q test -Dtest=SettingsReferenceTest -Dverto.updateReadme=true");
    }

    @Test
    void everySettingIsDeclaredOnceAndHasADescription() {
        Set<String> keys = new HashSet<>();
        for (Setting s : StackSettingsLoader.settings(SERVICES)) {
            assertTrue(keys.add(s.key()), "declared twice: " + s.key());
            assertTrue(!s.description().isBlank(), s.key() + " has no description");
            assertTrue(!s.fallback().text().isBlank(), s.key() + " states no default");
            assertTrue(s.kind().infrastructure() || s.example() != null, s.key() + ": a fix may propose a value, so it needs an example");
            assertTrue(!s.kind().infrastructure() || s.secret() || s.find() != null, s.key() + ": an infrastructure value needs a lookup");
        }
    }

    @Test
    void everyKeyOfEveryCommittedStackFileIsDeclared() {
        Set<String> tops = new HashSet<>(StackSettingsLoader.settings(SERVICES).stream().map(Setting::topLevel).toList());
        for (String stack : StackFiles.STACKS) {
            for (String key : StackFiles.load(stack).values().keySet()) {
                assertTrue(tops.contains(key.substring("verto:".length())), stack + ": " + key + " is not a declared setting");
            }
        }
    }
}
