package io.verto.infra.types;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ContainerLimits: the design's LimitRange, and which containers it refuses. */
class ContainerLimitsTest {
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
        var raised = design.withMax(Cpu.cores(4), design.maxMemory());
        assertTrue(raised.refusal(large).orElseThrow().reason().contains("memory limit 8Gi is above the LimitRange maximum 4Gi"));
        assertEquals(ContainerLimits.Bound.MEMORY_LIMIT, raised.refusal(large).orElseThrow().bound());
        var both = design.withMax(Cpu.cores(4), Memory.gibibytes(8));
        assertEquals(Optional.empty(), both.refusal(large));
        assertSame(design.defaults(), both.defaults());
        assertEquals(design.minCpu(), both.minCpu());
    }

}
