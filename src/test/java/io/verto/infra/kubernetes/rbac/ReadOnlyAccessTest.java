package io.verto.infra.kubernetes.rbac;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** ReadOnlyAccess under Pulumi's mocks. */
class ReadOnlyAccessTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    @Test
    void readOnlyAccessCannotListSecrets() {
        var run = ProgramRun.run("test", ctx -> new ReadOnlyAccess("shop", ReadOnlyAccessArgs.builder()
                .namespace(Output.of("shop")).partOf("shop").readableSecrets("shop-secret").build(), NONE));
        run.result().throwOnError();
        var role = run.one("kubernetes:rbac.authorization.k8s.io/v1:Role", "shop").inputs();
        @SuppressWarnings("unchecked")
        var rules = (List<Map<String, Object>>) at(role, "rules");
        for (var rule : rules) {
            assertFalse(((List<?>) rule.get("verbs")).stream().anyMatch(v -> !List.of("get", "list", "watch").contains(v)), "read-only: " + rule);
            if (((List<?>) rule.get("resources")).contains("secrets")) {
                assertEquals(List.of("get"), rule.get("verbs"));
                assertEquals(List.of("shop-secret"), rule.get("resourceNames"));
            }
        }
        var binding = run.one("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "shop").inputs();
        assertEquals("verto-service-account", at(binding, "subjects[0].name"));
        assertEquals("verto-role", at(binding, "roleRef.name"));
        assertChildrenOf(run, ReadOnlyAccess.TYPE);
    }
}
