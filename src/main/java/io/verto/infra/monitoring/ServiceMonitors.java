package io.verto.infra.monitoring;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.custom.CustomObject;

import java.util.Map;

/**
 * One prometheus-operator ServiceMonitor per service (design 6.1, for clusters that run the operator),
 * named after the job, selecting only the service's Service in its own namespace and scraping its
 * {@code metrics} port. Each lists the metrics its service exposes in the
 * {@value ScrapeTarget#METRICS_ANNOTATION} annotation.
 */
public class ServiceMonitors extends ComponentResource {
    public static final String TYPE = "verto:monitoring:ServiceMonitors";

    public ServiceMonitors(String name, ScrapeArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (ScrapeTarget target : args.targets()) {
            new CustomObject(target.job(), ObjectMetaArgs.builder().name(target.job()).namespace(args.namespace())
                    .labels(Labels.shared(args.partOf(), args.labels()))
                    .annotations(Map.of(ScrapeTarget.METRICS_ANNOTATION, String.join(",", target.metrics())))
                    .build(), new ServiceMonitorSpec(target, args.namespaceName(), args.interval()), child);
        }
        registerOutputs(Map.of());
    }
}
