package io.verto.infra.kubernetes.namespace;

import io.verto.infra.types.Capacity;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** NamespaceQuota: the design's values, raised only where the workloads need more. */
class NamespaceQuotaTest {
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
    void quotaForABudgetRequestsItAndLimitsTwiceIt() {
        var quota = NamespaceQuota.forBudget(Cpu.cores(2), Memory.gibibytes(4));
        assertEquals(Cpu.cores(2), quota.requestsCpu());
        assertEquals(Memory.gibibytes(8), quota.limitsMemory());
        assertEquals(NamespaceQuota.designDefault(), NamespaceQuota.forBudget(Cpu.cores(4), Memory.gibibytes(8)));
    }
}
