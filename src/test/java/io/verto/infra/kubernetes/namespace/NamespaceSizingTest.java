package io.verto.infra.kubernetes.namespace;

import io.verto.infra.types.Capacity;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NamespaceQuota and ContainerLimits: the design's values, raised only where the workloads need more. */
class NamespaceSizingTest {
    @Test
    void quotaKeepsTheDesignValuesWhenTheyFit() {
        var small = Capacity.of(new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256)), 4);
        assertEquals(NamespaceQuota.designDefault(), NamespaceQuota.designDefault().fitting(small));
    }

    @Test
    void quotaGrowsToWholeCoresAndGibibytesWhenTheyDoNot() {
        var big = Capacity.of(new Resources(Cpu.millis(1500), Memory.mebibytes(3000), Cpu.cores(2), Memory.gibibytes(4)), 11);
        var quota = NamespaceQuota.designDefault().fitting(big);
        assertEquals(Cpu.cores(17), quota.requestsCpu());            // 16.5 rounded up
        assertEquals(Memory.gibibytes(33), quota.requestsMemory());  // 32.2Gi rounded up
        assertEquals(Cpu.cores(22), quota.limitsCpu());
        assertEquals(Memory.gibibytes(44), quota.limitsMemory());
        assertEquals(10, quota.services());
        assertEquals(20, quota.secrets());
    }

    @Test
    void limitRangeIsTheDesignsWithAMinimumTheCertificateSolverPasses() {
        var design = ContainerLimits.designDefault();
        assertEquals(Cpu.cores(2), design.maxCpu());
        assertEquals(Memory.gibibytes(4), design.maxMemory());
        // cert-manager's HTTP-01 solver requests 10m / 64Mi; the design's 50m / 128Mi minimum refused it.
        var solver = new Resources(Cpu.millis(10), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(64));
        assertEquals(Optional.empty(), design.refusal(solver));
        var small = new Resources(Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(500), Memory.gibibytes(1));
        assertEquals(Optional.empty(), design.refusal(small));
    }

    @Test
    void limitRangeRefusesWhatItsMaximumDoesNotCoverUntilRaised() {
        var design = ContainerLimits.designDefault();
        var large = new Resources(Cpu.cores(2), Memory.gibibytes(4), Cpu.cores(4), Memory.gibibytes(8));
        assertTrue(design.refusal(large).orElseThrow().reason().contains("CPU limit 4 is above the LimitRange maximum 2"));
        assertEquals(new ContainerLimits.Refusal(ContainerLimits.Bound.CPU_LIMIT, "2", "its CPU limit 4 is above the LimitRange maximum 2"),
                design.refusal(large).orElseThrow());
        var tiny = new Resources(Cpu.millis(5), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(128));
        assertEquals(ContainerLimits.Bound.CPU_REQUEST, design.refusal(tiny).orElseThrow().bound());
        assertEquals("10m", design.refusal(tiny).orElseThrow().fits());
        var raised = design.withMax(Optional.of(Cpu.cores(4)), Optional.empty());
        assertTrue(raised.refusal(large).orElseThrow().reason().contains("memory limit 8Gi is above the LimitRange maximum 4Gi"));
        assertEquals(ContainerLimits.Bound.MEMORY_LIMIT, raised.refusal(large).orElseThrow().bound());
        var both = design.withMax(Optional.of(Cpu.cores(4)), Optional.of(Memory.gibibytes(8)));
        assertEquals(Optional.empty(), both.refusal(large));
        assertSame(design.defaults(), both.defaults());
        assertEquals(design.minCpu(), both.minCpu());
    }

    @Test
    void quotaForABudgetRequestsItAndLimitsTwiceIt() {
        var quota = NamespaceQuota.forBudget(Cpu.cores(2), Memory.gibibytes(4));
        assertEquals(Cpu.cores(2), quota.requestsCpu());
        assertEquals(Memory.gibibytes(8), quota.limitsMemory());
        assertEquals(NamespaceQuota.designDefault(), NamespaceQuota.forBudget(Cpu.cores(4), Memory.gibibytes(8)));
    }
}
