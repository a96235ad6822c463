package io.verto.infra.kubernetes.workload;

import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.HorizontalScaling;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import io.verto.infra.types.Scaling;
import com.pulumi.core.Output;
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

/** WebService under Pulumi's mocks. */
class WebServiceTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    private static WebServiceArgs.Builder api() {
        return WebServiceArgs.builder()
                .namespace(Output.of("shop"))
                .name("shop-api")
                .component("api")
                .partOf("shop")
                .environment("testing")
                .container(container().build());
    }

    private static SecureContainer.Builder container() {
        return SecureContainer.builder()
                .name("api")
                .image(ImageRef.of("registry.example.com/shop/api", "2.1.0"))
                .port(Port.tcp(8080))
                .resources(new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256)))
                .livenessProbe(HttpProbe.of("/live", 10, 10))
                .readinessProbe(HttpProbe.of("/ready", 2, 5));
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
                .scaling(Scaling.autoscaled(4, HorizontalScaling.between(2, 8)))
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
        var e = assertThrows(IllegalArgumentException.class, () -> api().scaling(Scaling.autoscaled(9, HorizontalScaling.between(2, 8))).build());
        assertTrue(e.getMessage().contains("outside the autoscaling range 2..8"), e.getMessage());
        assertThrows(NullPointerException.class, () -> api().container(null).build());
        assertThrows(IllegalArgumentException.class, () -> api().runAsUser(0).build());
    }

    @Test
    void aServiceContainerNeedsAPortAndBothProbes() {
        var noReadiness = assertThrows(IllegalArgumentException.class, () -> api().container(container().readinessProbe(null).build()).build());
        assertTrue(noReadiness.getMessage().contains("WebServiceArgs(shop-api).container needs a port, a liveness and a readiness probe"),
                noReadiness.getMessage());
        assertThrows(IllegalArgumentException.class, () -> api().container(container().livenessProbe(null).build()).build());
        var batch = SecureContainer.builder().name("api").image(ImageRef.of("registry.example.com/shop/api", "2.1.0"))
                .resources(new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256))).build();
        assertThrows(IllegalArgumentException.class, () -> api().container(batch).build());
        assertThrows(IllegalArgumentException.class, () -> api().runAsUser(0).build());
    }
}
