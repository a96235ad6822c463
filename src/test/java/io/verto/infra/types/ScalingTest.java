package io.verto.infra.types;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scaling, HorizontalScaling, Percent and Capacity: every replica and percentage check has its home here. */
class ScalingTest {
    @Test
    void fixedAndAutoscaledCountsAndTheirMaximum() {
        assertEquals(3, Scaling.fixed(3).maxReplicas());
        assertEquals(Optional.empty(), Scaling.fixed(3).autoscaling());
        var autoscaled = Scaling.autoscaled(5, HorizontalScaling.between(3, 10));
        assertEquals(10, autoscaled.maxReplicas());
        assertEquals(Percent.of(70), autoscaled.autoscaling().orElseThrow().targetCpuPercent());
        assertEquals(Percent.of(80), autoscaled.autoscaling().orElseThrow().targetMemoryPercent());
    }

    @Test
    void replicaCountsAreCheckedOnce() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scaling.fixed(0)).getMessage().contains("replicas must be at least 1, got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HorizontalScaling.between(0, 3)).getMessage().contains("minReplicas must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HorizontalScaling.between(8, 4)).getMessage()
                .contains("minReplicas 8 is above maxReplicas 4"));
        var e = assertThrows(IllegalArgumentException.class, () -> Scaling.autoscaled(11, HorizontalScaling.between(3, 10)));
        assertTrue(e.getMessage().contains("replicas 11 lies outside the autoscaling range 3..10"), e.getMessage());
    }

    @Test
    void percentagesAreWholeAndBetweenOneAndAHundred() {
        assertEquals(70, Percent.parse("70").value());
        for (String bad : new String[] {"0", "101", "-5", "70%", "seventy"}) {
            assertThrows(IllegalArgumentException.class, () -> Percent.parse(bad), bad);
        }
    }

    @Test
    void capacityAddsUpContainers() {
        var each = new Resources(Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(500), Memory.gibibytes(1));
        var two = Capacity.of(each, 2).plus(Capacity.NONE);
        assertEquals(new Capacity(Cpu.millis(500), Memory.gibibytes(1), Cpu.cores(1), Memory.gibibytes(2)), two);
        assertEquals(Capacity.of(each, 5), Capacity.of(each, 2).plus(Capacity.of(each, 3)));
    }
}
