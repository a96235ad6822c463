package io.verto.infra.kubernetes.ingress;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Annotations;
import io.verto.infra.kubernetes.Labels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTPS-only ingress-nginx Ingress (design 5.6): a cert-manager certificate for its hosts, HTTP
 * redirected to HTTPS (with HSTS from the controller), a body-size cap and a per-client rate limit.
 */
public class WebIngress extends ComponentResource {
    public static final String TYPE = "verto:kubernetes:WebIngress";

    private final Output<String> url;

    public WebIngress(String name, WebIngressArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("cert-manager.io/cluster-issuer", args.clusterIssuer());
        annotations.put("nginx.ingress.kubernetes.io/ssl-redirect", "true");
        annotations.put("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
        annotations.put("nginx.ingress.kubernetes.io/proxy-body-size", args.maxBodySize());
        // The design's "rate-limit"/"rate-limit-window" annotations do not exist in ingress-nginx; limit-rpm does.
        annotations.put("nginx.ingress.kubernetes.io/limit-rpm", String.valueOf(args.requestsPerMinute()));
        annotations.putAll(Annotations.skipAwait(args.skipAwait()));

        var paths = args.routes().stream().map(route -> HTTPIngressPathArgs.builder()
                .path(route.path())
                .pathType("Prefix")
                .backend(IngressBackendArgs.builder().service(IngressServiceBackendArgs.builder()
                        .name(route.serviceName())
                        .port(ServiceBackendPortArgs.builder().number(route.servicePort()).build())
                        .build()).build())
                .build()).toList();

        new Ingress(name, IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(args.name())
                        .namespace(args.namespace())
                        .labels(Labels.shared(args.partOf()))
                        .annotations(annotations)
                        .build())
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(args.ingressClassName())
                        .tls(IngressTLSArgs.builder().hosts(args.hosts()).secretName(args.tlsSecretName()).build())
                        .rules(args.hosts().stream().map(host -> IngressRuleArgs.builder().host(host)
                                .http(HTTPIngressRuleValueArgs.builder().paths(paths).build()).build()).toList())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).build());

        this.url = Output.of("https://" + args.hosts().get(0));
        registerOutputs(Map.of("url", url));
    }

    /** The public HTTPS address. */
    public Output<String> url() {
        return url;
    }
}
