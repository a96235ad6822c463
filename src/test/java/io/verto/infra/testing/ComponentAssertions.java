package io.verto.infra.testing;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions every component test makes. */
public final class ComponentAssertions {
    private ComponentAssertions() { }

    /** Every Kubernetes object of the run is a direct child of a component of this type. */
    public static void assertChildrenOf(ProgramRun run, String componentType) {
        List<CapturingMonitor.Registration> children = run.registered().stream()
                .filter(r -> r.type().startsWith("kubernetes:")).toList();
        assertFalse(children.isEmpty());
        for (var r : children) {
            assertTrue(r.parentUrn().endsWith("$" + componentType + "::" + r.parentUrn().substring(r.parentUrn().lastIndexOf("::") + 2))
                            && r.parentUrn().contains(componentType),
                    r.type() + " " + r.name() + " is not parented to its " + componentType + ": " + r.parentUrn());
        }
    }

}
