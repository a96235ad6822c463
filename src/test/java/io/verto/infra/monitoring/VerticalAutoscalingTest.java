package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.VpaUpdateMode;
import org.junit.jupiter.api.Test;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** VerticalAutoscaling under Pulumi's mocks. */
class VerticalAutoscalingTest {
    @Test
    void oneVpaPerDeploymentWithTheDesignsBounds() {
        var run = ProgramRun.run("test", ctx -> new VerticalAutoscaling("shop", VerticalAutoscalingArgs.builder()
                .namespace(Output.of("shop")).partOf("shop")
                .target(new VerticalPodAutoscalerSpec("shop-web", "web", VpaUpdateMode.Off, Cpu.millis(100), Memory.mebibytes(256),
                        Cpu.cores(1), Memory.gibibytes(2)))
                .build(), ComponentResourceOptions.builder().build()));
        run.result().throwOnError();
        var vpa = run.one("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", "shop-web-vpa").inputs();
        assertEquals("shop-web", at(vpa, "spec.targetRef.name"));
        assertEquals("Off", at(vpa, "spec.updatePolicy.updateMode"));
        assertEquals("100m", at(vpa, "spec.resourcePolicy.containerPolicies[0].minAllowed.cpu"));
        assertEquals("2Gi", at(vpa, "spec.resourcePolicy.containerPolicies[0].maxAllowed.memory"));
        assertChildrenOf(run, VerticalAutoscaling.TYPE);
    }

    @Test
    void boundsMustBeOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new VerticalPodAutoscalerSpec("d", "c", VpaUpdateMode.Off, Cpu.cores(2),
                Memory.mebibytes(256), Cpu.cores(1), Memory.gibibytes(2)));
    }
}
