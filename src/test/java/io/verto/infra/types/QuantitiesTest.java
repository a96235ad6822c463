package io.verto.infra.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantitiesTest {
    @Test
    void cpuParsesCoresAndMillicores() {
        assertEquals(500, Cpu.parse("0.5").millis());
        assertEquals(2000, Cpu.parse("2").millis());
        assertEquals(250, Cpu.parse("250m").millis());
        assertEquals("250m", Cpu.parse("0.25").toString());
        assertEquals("2", Cpu.parse("2000m").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2Gb", "1.5m", "0.0001", "", "one", "1e3"})
    void cpuRejectsWhatKubernetesRejects(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Cpu.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void memoryParsesBinaryAndDecimalSuffixes() {
        assertEquals(512L << 20, Memory.parse("512Mi").bytes());
        assertEquals(2L << 30, Memory.parse("2Gi").bytes());
        assertEquals(1_000_000_000L, Memory.parse("1G").bytes());
        assertEquals(1536L << 20, Memory.parse("1.5Gi").bytes());
        assertEquals("1536Mi", Memory.parse("1.5Gi").toString());
        assertEquals("8Gi", Memory.gibibytes(8).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2Gb", "-1", "1GiB", "512 Mi", "lots", "0.5"})
    void memoryRejectsWhatKubernetesRejects(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Memory.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void heapShareRoundsToMebibytes() {
        assertEquals(768, Memory.gibibytes(1).percent(75).mebibytes());
    }

    @Test
    void resourcesRefuseARequestAboveItsLimit() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Resources(Cpu.cores(2), Memory.gibibytes(1), Cpu.cores(1), Memory.gibibytes(2)));
        assertTrue(e.getMessage().contains("cpu request 2 is above its limit 1"), e.getMessage());
        var half = Resources.halfRequested(Cpu.cores(1), Memory.gibibytes(2));
        assertEquals("500m", half.cpuRequest().toString());
        assertEquals("1Gi", half.memoryRequest().toString());
    }

    @Test
    void imagesMustBePinned() {
        assertThrows(IllegalArgumentException.class, () -> ImageRef.of("registry.example.com/app", "latest"));
        assertThrows(IllegalArgumentException.class, () -> ImageRef.of("registry.example.com/app", null));
        assertThrows(IllegalArgumentException.class, () -> ImageRef.of("Registry/App", "1.0"));
        assertEquals("r.example.com/app:1.2.3", ImageRef.of("r.example.com/app", "1.2.3").toString());
        String digest = "sha256:" + "a".repeat(64);
        assertEquals("r.example.com/app@" + digest, ImageRef.of("r.example.com/app", digest).toString());
        assertEquals("aaaaaaaaaaaa", ImageRef.of("r.example.com/app", digest).version());
    }

    @Test
    void portsStayInRange() {
        assertThrows(IllegalArgumentException.class, () -> Port.tcp(0));
        assertThrows(IllegalArgumentException.class, () -> Port.tcp(70000));
        assertEquals("53/UDP", Port.udp(53).toString());
    }
}
