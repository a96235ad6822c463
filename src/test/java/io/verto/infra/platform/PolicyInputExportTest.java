package io.verto.infra.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes every stack's registered resources (type, name, URN, inputs as the engine receives them,
 * secrets still wrapped) to {@code target/policy-input/<stack>.json}. The policy pack's tests
 * (policies/test/program.test.ts) run each file through every rule.
 */
class PolicyInputExportTest {
    static List<String> stacks() {
        return StackFiles.STACKS;
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void exportStack(String stack) throws IOException {
        var run = ProgramRun.verto(StackFiles.loadWithSecrets(stack));
        run.result().throwOnError();
        List<Map<String, Object>> resources = run.registered().stream().map(r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", r.type());
            entry.put("name", r.name());
            entry.put("urn", r.urn(stack, "verto"));
            entry.put("protect", r.protect());
            entry.put("props", r.inputs());
            return entry;
        }).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("project", "verto");
        document.put("stack", stack);
        document.put("resources", resources);

        Path file = StackFiles.repoRoot().resolve("target/policy-input/" + stack + ".json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);

        var written = new ObjectMapper().readTree(file.toFile());
        assertEquals(resources.size(), written.get("resources").size());
        assertTrue(written.toString().contains("\"kubernetes:apps/v1:Deployment\""));
        assertTrue(written.get("resources").get(0).get("urn").asText().startsWith("urn:pulumi:" + stack + "::verto::"));
        assertTrue(!written.toString().contains("S3CRET-") || written.toString().contains("1b47061264138c4ac30d75fd1eb44270"));
    }
}
