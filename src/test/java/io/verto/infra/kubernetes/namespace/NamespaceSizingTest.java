package io.verto.infra.kubernetes.namespace;

import io.verto.infra.types.Capacity;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
    void limitRangeMaximumAdmitsTheLargestContainerOnly() {
        var design = ContainerLimits.designDefault();
        assertEquals(Cpu.cores(2), design.maxCpu());
        assertEquals(Memory.gibibytes(4), design.maxMemory());
        var small = new Resources(Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(500), Memory.gibibytes(1));
        assertEquals(design, design.admitting(small));
        var large = design.admitting(new Resources(Cpu.cores(2), Memory.gibibytes(4), Cpu.cores(4), Memory.gibibytes(8)));
        assertEquals(Cpu.cores(4), large.maxCpu());
        assertEquals(Memory.gibibytes(8), large.maxMemory());
        assertSame(design.defaults(), large.defaults());
        assertEquals(design.minCpu(), large.minCpu());
    }
}
