package io.verto.infra.monitoring;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.custom.CustomObject;

import java.util.Map;

/**
 * One VerticalPodAutoscaler ({@code autoscaling.k8s.io/v1}) per Deployment (design 11.2), named
 * {@code <deployment>-vpa}. Needs the VPA's CRD and recommender in the cluster. In {@code Off} mode (the
 * safe default beside an HPA) it only recommends: {@code kubectl describe vpa} shows the sizes to set.
 */
public class VerticalAutoscaling extends ComponentResource {
    public static final String TYPE = "verto:monitoring:VerticalAutoscaling";

    public VerticalAutoscaling(String name, VerticalAutoscalingArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (VerticalPodAutoscalerSpec target : args.targets()) {
            String vpaName = target.deployment() + "-vpa";
            new CustomObject(vpaName, ObjectMetaArgs.builder().name(vpaName).namespace(args.namespace())
                    .labels(Labels.shared(args.partOf())).build(), target, child);
        }
        registerOutputs(Map.of());
    }
}
