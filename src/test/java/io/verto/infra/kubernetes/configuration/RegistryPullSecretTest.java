package io.verto.infra.kubernetes.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static io.verto.infra.testing.SortedKeys.assertSortedJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RegistryPullSecret under Pulumi's mocks. */
class RegistryPullSecretTest {
    @Test
    void aDockerConfigSecretSentAsAPulumiSecret() {
        var run = ProgramRun.run("test", ctx -> new RegistryPullSecret("pull", RegistryPullSecretArgs.builder()
                .namespace(Output.of("shop")).partOf("shop").name("registry-secret").registry("registry.example.com")
                .username("deployer").password(Output.ofSecret("s3cret")).build(), ComponentResourceOptions.builder().build()));
        run.result().throwOnError();
        var secret = run.one("kubernetes:core/v1:Secret", "pull").inputs();
        assertEquals("kubernetes.io/dockerconfigjson", secret.get("type"));
        assertEquals("registry-secret", at(secret, "metadata.name"));
        assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) secret.get("stringData")).get(CapturingMonitor.SIG_KEY));
        assertChildrenOf(run, RegistryPullSecret.TYPE);
    }

    @Test
    void theDockerConfigHoldsTheCredentialsAndTheirAuthWithKeysInAFixedOrder() throws Exception {
        String config = RegistryPullSecret.dockerConfig("registry.example.com", "deployer", "s3cret");
        // a Secret whose text changed from run to run would be updated on every `pulumi up`
        assertSortedJson(config);
        JsonNode entry = new ObjectMapper().readTree(config).get("auths").get("registry.example.com");
        assertEquals("deployer", entry.get("username").asText());
        assertEquals("s3cret", entry.get("password").asText());
        assertEquals("deployer:s3cret", new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8));
    }
}
