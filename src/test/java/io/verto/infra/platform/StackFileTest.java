package io.verto.infra.platform;

import io.verto.infra.config.StackSettingsLoader;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stack file read as scripts/stack-init and scripts/preflight read it: without its secrets' values. */
class StackFileTest {
    private static Path committed(String stack) {
        return StackFiles.repoRoot().resolve("Pulumi." + stack + ".yaml");
    }

    /** A file with more lines appended under {@code config:}. */
    private static Path withLines(String stack, String lines) throws Exception {
        Path file = Files.createTempFile("Pulumi." + stack, ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, Files.readString(committed(stack)) + lines);
        return file;
    }

    @Test
    void aFreshClusterStackNeedsTheFourApplicationSecretsTheBackupUsersAndTheExporters() throws Exception {
        for (String stack : List.of("testing", "staging", "production")) {
            var missing = StackFile.missingSecrets(StackFile.readAsIs(committed(stack), stack));
            assertEquals(List.of("verto:databasePassword", "verto:jwtSecret", "verto:redisPassword", "verto:encryptionKey",
                    "verto:databaseBackupPassword", "verto:databaseRestorePassword", "verto:mysqlExporterPassword").stream().sorted().toList(),
                    missing.stream().sorted().toList(), stack);
        }
    }

    @Test
    void developmentHoldsItsOwnAndAStackWithoutTheExporterNeedsNoExporterPassword() throws Exception {
        assertEquals(List.of(), StackFile.missingSecrets(StackFile.readAsIs(committed("development"), "development")));
        var noExporter = withLines("staging", "  verto:monitoring:\n    mysqlExporter: false\n");
        assertEquals(false, StackFile.missingSecrets(StackFile.readAsIs(noExporter, "staging")).contains("verto:mysqlExporterPassword"));
    }

    /** Placeholders stand in for every secret, so preflight needs none; the rest of the file is read as written. */
    @Test
    void placeholdersStandInForSecretsSoPreflightNeedsNone() throws Exception {
        var raw = StackFiles.withTestValues(StackFile.read(withLines("staging", "  verto:monitoring:\n    labels: release=kps\n"), "staging"));
        assertEquals(true, raw.secretKeys().containsAll(List.of("verto:mysqlExporterPassword", "verto:databaseBackupPassword", "verto:jwtSecret")));
        var r = ClusterRequirements.of(StackSettingsLoader.load(raw, VertoApplication.catalogue().sizes()));
        assertEquals("kps", ((Map<?, ?>) ((Map<?, ?>) r.get("prometheus")).get("labels")).get("release"));
    }
}
