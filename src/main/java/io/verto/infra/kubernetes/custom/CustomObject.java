package io.verto.infra.kubernetes.custom;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;
import java.util.Objects;

/**
 * An instance of a custom resource (a CRD's object), which {@code com.pulumi:kubernetes} 4.0.0 has no class
 * for: registered under the token {@code kubernetes:<group>/<version>:<Kind>} with the inputs
 * {@code apiVersion}, {@code kind}, {@code metadata} and {@code spec}, which the Kubernetes provider
 * applies (or renders) like any other object. The spec is typed ({@link CustomSpec}).
 */
public class CustomObject extends CustomResource {

    public CustomObject(String name, ObjectMetaArgs metadata, CustomSpec spec, CustomResourceOptions options) {
        super(Objects.requireNonNull(spec, "spec").kind().token(), name, new Inputs(spec.kind(), metadata, spec.toValue()), options);
    }

    /** The provider's inputs: the object as Kubernetes sees it. */
    static final class Inputs extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata", required = true)
        private final Output<ObjectMetaArgs> metadata;
        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        Inputs(CustomKind kind, ObjectMetaArgs metadata, Map<String, Object> spec) {
            this.apiVersion = Output.of(kind.apiVersion());
            this.kind = Output.of(kind.kind());
            this.metadata = Output.of(Objects.requireNonNull(metadata, "metadata"));
            this.spec = Output.of(spec);
        }
    }
}
