package io.verto.infra.kubernetes.ingress;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** WebIngress under Pulumi's mocks. */
class WebIngressTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    @Test
    void ingressIsHttpsOnlyAndRoutesLongestPrefixFirst() {
        var run = ProgramRun.run("test", ctx -> new WebIngress("shop", WebIngressArgs.builder()
                .namespace(Output.of("shop"))
                .host("shop.example.com")
                .partOf("shop")
                .clusterIssuer("letsencrypt-prod")
                .route(new IngressRoute("/", Output.of("web-service"), 80))
                .route(new IngressRoute("/api", Output.of("api-service"), 80))
                .build(), NONE));
        run.result().throwOnError();
        var ingress = run.one("kubernetes:networking.k8s.io/v1:Ingress", "shop").inputs();
        assertEquals("nginx", at(ingress, "spec.ingressClassName"));
        assertEquals(List.of("shop.example.com"), at(ingress, "spec.tls[0].hosts"));
        assertEquals("verto-tls", at(ingress, "spec.tls[0].secretName"));
        Map<?, ?> annotations = (Map<?, ?>) at(ingress, "metadata.annotations");
        assertEquals("letsencrypt-prod", annotations.get("cert-manager.io/cluster-issuer"));
        assertEquals("true", annotations.get("nginx.ingress.kubernetes.io/ssl-redirect"));
        assertEquals("50m", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("100", annotations.get("nginx.ingress.kubernetes.io/limit-rpm"));
        assertEquals("/api", at(ingress, "spec.rules[0].http.paths[0].path"));
        assertEquals("api-service", at(ingress, "spec.rules[0].http.paths[0].backend.service.name"));
        assertEquals("/", at(ingress, "spec.rules[0].http.paths[1].path"));
        assertEquals("https://shop.example.com", ProgramRun.value(run.resources(WebIngress.class).get(0).url()));
        assertChildrenOf(run, WebIngress.TYPE);
    }

    @Test
    void everyHostGetsTheRoutesAndTheCertificate() {
        var run = ProgramRun.run("test", ctx -> new WebIngress("shop", WebIngressArgs.builder()
                .namespace(Output.of("shop"))
                .host("shop.example.com").host("www.shop.example.com").host("shop.example.com")
                .partOf("shop")
                .clusterIssuer("letsencrypt-prod")
                .route(new IngressRoute("/", Output.of("web-service"), 80))
                .build(), NONE));
        run.result().throwOnError();
        var ingress = run.one("kubernetes:networking.k8s.io/v1:Ingress", "shop").inputs();
        assertEquals(List.of("shop.example.com", "www.shop.example.com"), at(ingress, "spec.tls[0].hosts"));
        assertEquals("shop.example.com", at(ingress, "spec.rules[0].host"));
        assertEquals("www.shop.example.com", at(ingress, "spec.rules[1].host"));
        assertEquals("web-service", at(ingress, "spec.rules[1].http.paths[0].backend.service.name"));
        assertEquals(null, at(ingress, "spec.rules[2]"));
        assertEquals("https://shop.example.com", ProgramRun.value(run.resources(WebIngress.class).get(0).url()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> WebIngressArgs.builder()
                .namespace(Output.of("shop")).partOf("shop").clusterIssuer("x").route(new IngressRoute("/", Output.of("s"), 80)).build());
    }
}
