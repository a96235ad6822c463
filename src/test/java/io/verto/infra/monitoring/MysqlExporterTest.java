package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.HorizontalScaling;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MysqlExporter under Pulumi's mocks. */
class MysqlExporterTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    static MysqlExporterArgs.Builder args() {
        return MysqlExporterArgs.builder().namespace(Output.of("shop")).partOf("shop").environment("production")
                .host("mysql.internal").user("exporter").password(Output.ofSecret("pw-do-not-leak"))
                .databaseCidrs(List.of("10.0.1.0/24", "10.0.2.0/24"));
    }

    @Test
    void exporterIsPinnedLeastPrivilegedAndReachableOnlyFromMonitoring() {
        var run = ProgramRun.run("test", ctx -> new MysqlExporter("db", args().build(), NONE));
        run.result().throwOnError();
        var d = run.one("kubernetes:apps/v1:Deployment", "db").inputs();
        assertEquals("quay.io/prometheus/mysqld-exporter:v0.14.0@sha256:eb6fe170738bf9181c51f5bc89f93adb26672ec49ffdcb22f55c24834003b45d", at(d, "spec.template.spec.containers[0].image"));
        assertEquals(1L, at(d, "spec.replicas"));
        assertEquals(Map.of("name", "DATA_SOURCE_NAME", "valueFrom", Map.of("secretKeyRef", Map.of("name", "mysqld-exporter", "key", "DATA_SOURCE_NAME"))),
                at(d, "spec.template.spec.containers[0].env[0]"));
        assertEquals(false, at(d, "spec.template.spec.automountServiceAccountToken"));
        assertEquals(true, at(d, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"));
        assertEquals("/", at(d, "spec.template.spec.containers[0].livenessProbe.httpGet.path"));
        var secret = run.one("kubernetes:core/v1:Secret", "db").inputs();
        assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) secret.get("stringData")).get(CapturingMonitor.SIG_KEY), "the DSN stays a secret");
        run.registered().stream().filter(r -> !r.type().equals("kubernetes:core/v1:Secret"))
                .forEach(r -> assertFalse(r.inputs().toString().contains("pw-do-not-leak"), r.type() + " " + r.name()));
        var service = run.one("kubernetes:core/v1:Service", "db").inputs();
        assertEquals(Map.of("name", "metrics", "port", 9104L, "targetPort", 9104L, "protocol", "TCP"), at(service, "spec.ports[0]"));
        var policy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "db").inputs();
        assertEquals("monitoring", ((Map<?, ?>) at(policy, "spec.ingress[0].from[0].namespaceSelector.matchLabels")).get("kubernetes.io/metadata.name"));
        assertEquals(9104L, at(policy, "spec.ingress[0].ports[0].port"));
        assertEquals(List.of(Map.of("ipBlock", Map.of("cidr", "10.0.1.0/24")), Map.of("ipBlock", Map.of("cidr", "10.0.2.0/24"))),
                at(policy, "spec.egress[1].to"), "every subnet MySQL can fail over to");
        assertEquals(3306L, at(policy, "spec.egress[1].ports[0].port"));
        assertEquals(List.of("Ingress", "Egress"), at(policy, "spec.policyTypes"));
        assertEquals(1L, at(run.one("kubernetes:policy/v1:PodDisruptionBudget", "db").inputs(), "spec.maxUnavailable"));
        assertTrue(run.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").isEmpty());
        assertChildrenOf(run, MysqlExporter.TYPE);
    }

    @Test
    void anHpaWhenAskedAndRangesChecked() {
        var run = ProgramRun.run("test", ctx -> new MysqlExporter("db", args().replicas(2)
                .autoscaling(Optional.of(HorizontalScaling.between(2, 3))).skipAwait(true).build(), NONE));
        run.result().throwOnError();
        var hpa = run.one("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "db").inputs();
        assertEquals(List.of(2L, 3L), List.of(at(hpa, "spec.minReplicas"), at(hpa, "spec.maxReplicas")));
        assertEquals("true", ((Map<?, ?>) at(run.one("kubernetes:apps/v1:Deployment", "db").inputs(), "metadata.annotations")).get("pulumi.com/skipAwait"));
        assertThrows(IllegalArgumentException.class, () -> args().replicas(0).build());
        assertThrows(IllegalArgumentException.class, () -> args().replicas(1).autoscaling(Optional.of(HorizontalScaling.between(2, 3))).build());
        assertThrows(NullPointerException.class, () -> MysqlExporterArgs.builder().namespace(Output.of("x")).build());
    }
}
