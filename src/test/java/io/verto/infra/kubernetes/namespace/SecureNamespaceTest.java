package io.verto.infra.kubernetes.namespace;

import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SecureNamespace under Pulumi's mocks. */
class SecureNamespaceTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    @Test
    void secureNamespaceIsRestrictedQuotaedAndDeniesAllTraffic() {
        var run = ProgramRun.run("test", ctx -> new SecureNamespace("shop", SecureNamespaceArgs.builder()
                .name("shop").environment("testing").partOf("shop").build(), NONE));
        run.result().throwOnError();
        var ns = run.one("kubernetes:core/v1:Namespace", "shop").inputs();
        assertEquals("restricted", ((Map<?, ?>) at(ns, "metadata.labels")).get("pod-security.kubernetes.io/enforce"));
        assertEquals("testing", ((Map<?, ?>) at(ns, "metadata.labels")).get("environment"));

        var quota = run.one("kubernetes:core/v1:ResourceQuota", "shop-quota").inputs();
        assertEquals(Map.of("requests.cpu", "4", "requests.memory", "8Gi", "limits.cpu", "8", "limits.memory", "16Gi",
                "persistentvolumeclaims", "10", "services", "10", "secrets", "20", "configmaps", "20"), at(quota, "spec.hard"));
        assertEquals("shop", at(quota, "metadata.namespace"));

        var limits = run.one("kubernetes:core/v1:LimitRange", "shop-limits").inputs();
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), at(limits, "spec.limits[0].default"));
        assertEquals(Map.of("cpu", "100m", "memory", "256Mi"), at(limits, "spec.limits[0].defaultRequest"));
        assertEquals(Map.of("cpu", "2", "memory", "4Gi"), at(limits, "spec.limits[0].max"));
        // Below the design's 50m / 128Mi, so cert-manager's HTTP-01 solver pods (10m / 64Mi) are admitted.
        assertEquals(Map.of("cpu", "10m", "memory", "64Mi"), at(limits, "spec.limits[0].min"));
        assertTrue(run.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream().noneMatch(r -> r.name().contains("acme")),
                "no solver policy unless asked for");

        var deny = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-default-deny").inputs();
        assertEquals(Map.of(), at(deny, "spec.podSelector"));
        assertEquals(List.of("Ingress", "Egress"), at(deny, "spec.policyTypes"));
        assertNull(at(deny, "spec.ingress"));
        assertNull(at(deny, "spec.egress"));
        assertChildrenOf(run, SecureNamespace.TYPE);
    }

    @Test
    void namespaceRefusesAnUnknownPodSecurityLevel() {
        assertThrows(IllegalArgumentException.class,
                () -> SecureNamespaceArgs.builder().name("x").environment("testing").partOf("shop").podSecurityLevel("lax").build());
    }
}
