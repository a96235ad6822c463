package io.verto.infra.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each component on its own, under Pulumi's mocks. */
class ComponentsTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    private static WebServiceArgs.Builder api() {
        return WebServiceArgs.builder()
                .namespace(Output.of("shop"))
                .name("shop-api")
                .component("api")
                .partOf("shop")
                .environment("testing")
                .image(ImageRef.of("registry.example.com/shop/api", "2.1.0"))
                .port(Port.tcp(8080))
                .resources(new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256)))
                .livenessProbe(HttpProbe.of("/live", 10, 10))
                .readinessProbe(HttpProbe.of("/ready", 2, 5));
    }

    private static void assertChildrenOf(ProgramRun run, String componentType) {
        List<CapturingMonitor.Registration> children = run.registered().stream()
                .filter(r -> r.type().startsWith("kubernetes:")).toList();
        assertFalse(children.isEmpty());
        for (var r : children) {
            assertTrue(r.parentUrn().endsWith("$" + componentType + "::" + r.parentUrn().substring(r.parentUrn().lastIndexOf("::") + 2))
                            && r.parentUrn().contains(componentType),
                    r.type() + " " + r.name() + " is not parented to its " + componentType + ": " + r.parentUrn());
        }
    }

    @Test
    void secureNamespaceIsRestrictedQuotaedAndDeniesAllTraffic() {
        var run = ProgramRun.run("test", ctx -> new SecureNamespace("shop", SecureNamespaceArgs.builder()
                .name("shop").environment("testing").build(), NONE));
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
        assertEquals(Map.of("cpu", "50m", "memory", "128Mi"), at(limits, "spec.limits[0].min"));

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
                () -> SecureNamespaceArgs.builder().name("x").environment("testing").podSecurityLevel("lax").build());
    }

    @Test
    void webServiceIsSecureByDefault() {
        var run = ProgramRun.run("test", ctx -> new WebService("shop-api", api().build(), NONE));
        run.result().throwOnError();
        var deployment = run.one("kubernetes:apps/v1:Deployment", "shop-api").inputs();
        var pod = "spec.template.spec.";
        var container = pod + "containers[0].";
        assertEquals("registry.example.com/shop/api:2.1.0", at(deployment, container + "image"));
        assertEquals(true, at(deployment, pod + "securityContext.runAsNonRoot"));
        assertEquals(1001L, at(deployment, pod + "securityContext.runAsUser"));
        assertEquals("RuntimeDefault", at(deployment, pod + "securityContext.seccompProfile.type"));
        assertEquals(false, at(deployment, pod + "automountServiceAccountToken"));
        assertEquals(false, at(deployment, container + "securityContext.allowPrivilegeEscalation"));
        assertEquals(true, at(deployment, container + "securityContext.readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), at(deployment, container + "securityContext.capabilities.drop"));
        assertEquals(Map.of("cpu", "100m", "memory", "128Mi"), at(deployment, container + "resources.requests"));
        assertEquals(Map.of("cpu", "200m", "memory", "256Mi"), at(deployment, container + "resources.limits"));
        assertEquals("/live", at(deployment, container + "livenessProbe.httpGet.path"));
        assertEquals(8080L, at(deployment, container + "livenessProbe.httpGet.port"));
        assertEquals("/ready", at(deployment, container + "readinessProbe.httpGet.path"));
        assertEquals("/tmp", at(deployment, container + "volumeMounts[0].mountPath"));
        assertEquals(0L, at(deployment, "spec.strategy.rollingUpdate.maxUnavailable"));
        assertEquals(1L, at(deployment, "spec.strategy.rollingUpdate.maxSurge"));
        assertEquals(Map.of("app.kubernetes.io/name", "shop-api", "app.kubernetes.io/part-of", "shop"), at(deployment, "spec.selector.matchLabels"));
        assertEquals("2.1.0", ((Map<?, ?>) at(deployment, "spec.template.metadata.labels")).get("app.kubernetes.io/version"));
        assertNull(at(deployment, pod + "topologySpreadConstraints"));

        var service = run.one("kubernetes:core/v1:Service", "shop-api").inputs();
        assertEquals("shop-api-service", at(service, "metadata.name"));
        assertEquals("ClusterIP", at(service, "spec.type"));
        assertEquals(80L, at(service, "spec.ports[0].port"));
        assertEquals("http", at(service, "spec.ports[0].targetPort"));

        var pdb = run.one("kubernetes:policy/v1:PodDisruptionBudget", "shop-api").inputs();
        assertEquals(1L, at(pdb, "spec.maxUnavailable"));
        assertEquals(false, at(run.one("kubernetes:core/v1:ServiceAccount", "shop-api").inputs(), "automountServiceAccountToken"));
        assertTrue(run.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").isEmpty(), "no HPA without autoscaling");

        var policy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-api").inputs();
        assertEquals(List.of("Ingress", "Egress"), at(policy, "spec.policyTypes"));
        assertEquals(53L, at(policy, "spec.egress[0].ports[0].port"), "DNS is always allowed");
        assertEquals("kube-system", ((Map<?, ?>) at(policy, "spec.egress[0].to[0].namespaceSelector.matchLabels")).get("kubernetes.io/metadata.name"));
        assertNull(at(policy, "spec.ingress"), "nothing may connect unless allowed");
        assertChildrenOf(run, WebService.TYPE);
    }

    @Test
    void webServiceScalesSpreadsAndOpensOnlyWhatItIsTold() {
        var run = ProgramRun.run("test", ctx -> new WebService("shop-api", api()
                .replicas(4)
                .autoscaling(HorizontalScaling.between(2, 8))
                .spreadAcrossZones(true)
                .allowIngress(NetworkRule.of(NetworkPeer.namespace("ingress-nginx"), Port.tcp(8080)))
                .allowEgress(NetworkRule.of(NetworkPeer.cidr("10.0.0.0/16"), Port.tcp(3306)))
                .build(), NONE));
        run.result().throwOnError();
        var hpa = run.one("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "shop-api").inputs();
        assertEquals(2L, at(hpa, "spec.minReplicas"));
        assertEquals(8L, at(hpa, "spec.maxReplicas"));
        assertEquals("shop-api", at(hpa, "spec.scaleTargetRef.name"));
        assertEquals("Deployment", at(hpa, "spec.scaleTargetRef.kind"));
        assertEquals("cpu", at(hpa, "spec.metrics[0].resource.name"));
        assertEquals(70L, at(hpa, "spec.metrics[0].resource.target.averageUtilization"));
        assertEquals("memory", at(hpa, "spec.metrics[1].resource.name"));
        assertEquals(80L, at(hpa, "spec.metrics[1].resource.target.averageUtilization"));

        var deployment = run.one("kubernetes:apps/v1:Deployment", "shop-api").inputs();
        assertEquals(4L, at(deployment, "spec.replicas"));
        assertEquals("topology.kubernetes.io/zone", at(deployment, "spec.template.spec.topologySpreadConstraints[0].topologyKey"));
        assertEquals("DoNotSchedule", at(deployment, "spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable"));

        var policy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-api").inputs();
        assertEquals(8080L, at(policy, "spec.ingress[0].ports[0].port"));
        assertEquals("10.0.0.0/16", at(policy, "spec.egress[1].to[0].ipBlock.cidr"));
        assertEquals(3306L, at(policy, "spec.egress[1].ports[0].port"));
    }

    @Test
    void webServiceArgsRejectReplicasOutsideTheAutoscalingRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> api().replicas(9).autoscaling(HorizontalScaling.between(2, 8)).build());
        assertTrue(e.getMessage().contains("outside the autoscaling range 2..8"), e.getMessage());
        assertThrows(NullPointerException.class, () -> api().resources(null).build());
        assertThrows(IllegalArgumentException.class, () -> api().runAsUser(0).build());
    }

    @Test
    void ingressIsHttpsOnlyAndRoutesLongestPrefixFirst() {
        var run = ProgramRun.run("test", ctx -> new WebIngress("shop", WebIngressArgs.builder()
                .namespace(Output.of("shop"))
                .host("shop.example.com")
                .route(new IngressRoute("/", Output.of("web-service"), 80))
                .route(new IngressRoute("/api", Output.of("api-service"), 80))
                .build(), NONE));
        run.result().throwOnError();
        var ingress = run.one("kubernetes:networking.k8s.io/v1:Ingress", "shop").inputs();
        assertEquals("nginx", at(ingress, "spec.ingressClassName"));
        assertEquals(List.of("shop.example.com"), at(ingress, "spec.tls[0].hosts"));
        assertEquals("verto-tls", at(ingress, "spec.tls[0].secretName"));
        Map<?, ?> annotations = (Map<?, ?>) at(ingress, "metadata.annotations");
        assertEquals("letsencrypt-prod", annotations.get("cert-manager.io/cluster-issuer"));
        assertEquals("true", annotations.get("nginx.ingress.kubernetes.io/ssl-redirect"));
        assertEquals("50m", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("100", annotations.get("nginx.ingress.kubernetes.io/limit-rpm"));
        assertEquals("/api", at(ingress, "spec.rules[0].http.paths[0].path"));
        assertEquals("api-service", at(ingress, "spec.rules[0].http.paths[0].backend.service.name"));
        assertEquals("/", at(ingress, "spec.rules[0].http.paths[1].path"));
        assertEquals("https://shop.example.com", ProgramRun.value(run.resources(WebIngress.class).get(0).url()));
        assertChildrenOf(run, WebIngress.TYPE);
    }

    @Test
    void readOnlyAccessCannotListSecrets() {
        var run = ProgramRun.run("test", ctx -> new ReadOnlyAccess("shop", ReadOnlyAccessArgs.builder()
                .namespace(Output.of("shop")).readableSecrets("shop-secret").build(), NONE));
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

    @Test
    void appConfigurationKeepsSecretValuesSecret() {
        var run = ProgramRun.run("test", ctx -> new AppConfiguration("shop", AppConfigurationArgs.builder()
                .namespace(Output.of("shop"))
                .configMap("shop-config", Map.of("MODE", "fast"))
                .secret("TOKEN", Output.of("plain-in-code"))
                .build(), NONE));
        run.result().throwOnError();
        assertEquals(Map.of("MODE", "fast"), at(run.one("kubernetes:core/v1:ConfigMap", "shop-shop-config").inputs(), "data"));
        var stringData = at(run.one("kubernetes:core/v1:Secret", "shop-secret").inputs(), "stringData");
        assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) stringData).get(CapturingMonitor.SIG_KEY),
                "even a plain Output handed in is sent as a Pulumi secret: " + stringData);
        assertChildrenOf(run, AppConfiguration.TYPE);
    }
}
