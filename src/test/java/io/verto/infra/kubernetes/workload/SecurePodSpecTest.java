package io.verto.infra.kubernetes.workload;

import com.pulumi.core.Output;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restricted pod spec on its own, as a Job or CronJob would use it: no port, no probes, a command. */
class SecurePodSpecTest {
    private static final Resources SMALL = new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256));

    private static SecureContainer.Builder batch(String name) {
        return SecureContainer.builder().name(name).image(ImageRef.of("registry.example.com/tools/" + name, "1.2.3")).resources(SMALL);
    }

    @Test
    void aBatchPodIsRestrictedAndNumbersItsWritableVolumesAcrossContainers() {
        var spec = SecurePodSpec.builder()
                .serviceAccountName(Output.of("backup"))
                .container(batch("dump").command(List.of("/bin/sh", "-c", "dump")).writablePaths(List.of("/tmp", "/backup")).build())
                .container(batch("upload").build())
                .restartPolicy("OnFailure")
                .imagePullSecret(Optional.of("registry"))
                .build().toArgs();
        var pod = ProgramRun.value(spec.securityContext().orElseThrow());
        assertEquals(Optional.of(true), pod.runAsNonRoot().map(ProgramRun::value));
        assertEquals(Optional.of(1001), pod.runAsUser().map(ProgramRun::value));
        assertEquals("RuntimeDefault", ProgramRun.value(ProgramRun.value(pod.seccompProfile().orElseThrow()).type()));
        assertEquals(Optional.of(false), spec.automountServiceAccountToken().map(ProgramRun::value));
        assertEquals(Optional.of("OnFailure"), spec.restartPolicy().map(ProgramRun::value));

        var containers = ProgramRun.value(spec.containers());
        assertEquals(2, containers.size());
        var dump = containers.get(0);
        assertEquals(List.of("/bin/sh", "-c", "dump"), ProgramRun.value(dump.command().orElseThrow()));
        assertTrue(dump.ports().isEmpty() && dump.livenessProbe().isEmpty(), "a batch container has no port or probe");
        var security = ProgramRun.value(dump.securityContext().orElseThrow());
        assertEquals(Optional.of(true), security.readOnlyRootFilesystem().map(ProgramRun::value));
        assertEquals(Optional.of(false), security.allowPrivilegeEscalation().map(ProgramRun::value));
        assertEquals(List.of("ALL"), ProgramRun.value(ProgramRun.value(security.capabilities().orElseThrow()).drop().orElseThrow()));
        var mounts = ProgramRun.value(dump.volumeMounts().orElseThrow()).stream().map(m -> ProgramRun.value(m.name())).toList();
        var uploadMounts = ProgramRun.value(containers.get(1).volumeMounts().orElseThrow()).stream().map(m -> ProgramRun.value(m.name())).toList();
        assertEquals(List.of("writable-0", "writable-1"), mounts);
        assertEquals(List.of("writable-2"), uploadMounts);
        assertEquals(3, ProgramRun.value(spec.volumes().orElseThrow()).size());
        assertEquals(Map.of("cpu", "200m", "memory", "256Mi"),
                ProgramRun.value(ProgramRun.value(dump.resources().orElseThrow()).limits().orElseThrow()));
    }

    @Test
    void rootEmptyPodsAndProbesWithoutAPortAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SecurePodSpec.builder().serviceAccountName(Output.of("x"))
                .container(batch("a").build()).runAsUser(0).build());
        assertThrows(IllegalArgumentException.class, () -> SecurePodSpec.builder().serviceAccountName(Output.of("x")).build());
        assertThrows(IllegalArgumentException.class, () -> batch("a").livenessProbe(HttpProbe.of("/health", 1, 1)).build());
        assertThrows(NullPointerException.class, () -> SecureContainer.builder().name("a").image(ImageRef.of("r/a", "1.0.0")).build());
        batch("web").port(Port.tcp(8080)).livenessProbe(HttpProbe.of("/health", 1, 1)).build();
    }
}
