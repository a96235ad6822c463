package io.verto.infra.kubernetes.custom;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CustomObject under Pulumi's mocks: the token and inputs the Kubernetes provider renders. */
class CustomObjectTest {
    private record Spec(String value) implements CustomSpec {
        @Override
        public CustomKind kind() {
            return new CustomKind("example.com", "v1alpha1", "Widget");
        }

        @Override
        public Map<String, Object> toValue() {
            return Map.of("size", value, "replicas", 2);
        }
    }

    @Test
    void registersUnderTheKubernetesTokenWithApiVersionKindMetadataAndSpec() {
        var run = ProgramRun.run("test", ctx -> new CustomObject("w", ObjectMetaArgs.builder().name("w").namespace(Output.of("shop")).build(),
                new Spec("big"), CustomResourceOptions.builder().build()));
        run.result().throwOnError();
        var inputs = run.one("kubernetes:example.com/v1alpha1:Widget", "w").inputs();
        assertEquals("example.com/v1alpha1", at(inputs, "apiVersion"));
        assertEquals("Widget", at(inputs, "kind"));
        assertEquals("shop", at(inputs, "metadata.namespace"));
        assertEquals("big", at(inputs, "spec.size"));
    }

    @Test
    void kindsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new CustomKind("monitoring", "v1", "PrometheusRule"));
        assertThrows(IllegalArgumentException.class, () -> new CustomKind("monitoring.coreos.com", "1", "PrometheusRule"));
        assertThrows(IllegalArgumentException.class, () -> new CustomKind("monitoring.coreos.com", "v1", "prometheusRule"));
        assertEquals("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", CustomKind.VERTICAL_POD_AUTOSCALER.token());
    }
}
