import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as k8s from "../../src/kubernetes/network";
import { assertFails, assertPasses, resourceDiagnostics as run } from "../assertions";
import { res } from "../builders";

describe("k8s-no-nodeport-loadbalancer", () => {
    const svc = (type?: string) => res("kubernetes:core/v1:Service", "api", {
        metadata: { name: "api", namespace: "verto" }, spec: { ...(type ? { type } : {}), ports: [{ port: 80 }] },
    });
    it("passes for ClusterIP and default type", () => {
        assertPasses(run(k8s.noExposedServices, svc("ClusterIP")));
        assertPasses(run(k8s.noExposedServices, svc()));
    });
    it("fails for LoadBalancer and NodePort", () => {
        assertFails(run(k8s.noExposedServices, svc("LoadBalancer")), 'Service "api" has spec.type LoadBalancer', 1);
        assertFails(run(k8s.noExposedServices, svc("NodePort")), "spec.type NodePort", 1);
    });
});

describe("k8s-ingress-tls", () => {
    const ingress = (spec: Record<string, unknown>) => res("kubernetes:networking.k8s.io/v1:Ingress", "web",
        { metadata: { name: "web", namespace: "verto" }, spec });
    const rule = (host: string) => ({ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } });
    it("passes when every host is covered (exact or wildcard)", () => {
        assertPasses(run(k8s.ingressTls, ingress({
            tls: [{ hosts: ["verto.example.com"], secretName: "tls" }, { hosts: ["*.api.example.com"], secretName: "tls2" }],
            rules: [rule("verto.example.com"), rule("eu.api.example.com")],
        })));
    });
    it("fails without tls", () => {
        assertFails(run(k8s.ingressTls, ingress({ rules: [rule("verto.example.com")] })), "has no spec.tls", 1);
    });
    it("fails for a host not covered (wildcards cover one label only)", () => {
        assertFails(run(k8s.ingressTls, ingress({
            tls: [{ hosts: ["*.example.com"], secretName: "tls" }],
            rules: [rule("www.example.com"), rule("a.b.example.com"), rule("admin.example.org")],
        })), "is not covered by any spec.tls[].hosts entry", 2);
        assert.equal(k8s.tlsHostCovers("*.example.com", "a.b.example.com"), false);
    });
});

describe("k8s-no-nodeport-loadbalancer: externalIPs and ServicePatch (bypass)", () => {
    it("fails a ClusterIP Service with externalIPs", () => {
        assertFails(run(k8s.noExposedServices, res("kubernetes:core/v1:Service", "api", {
            metadata: { name: "api" }, spec: { type: "ClusterIP", externalIPs: ["203.0.113.7"], ports: [{ port: 80 }] },
        })), 'Service "api" sets spec.externalIPs 203.0.113.7', 1);
    });
    it("fails a ServicePatch turning a Service into a LoadBalancer, passes a harmless one", () => {
        assertFails(run(k8s.noExposedServices, res("kubernetes:core/v1:ServicePatch", "api", { metadata: { name: "api" }, spec: { type: "LoadBalancer" } })),
            'ServicePatch "api" has spec.type LoadBalancer', 1);
        assertPasses(run(k8s.noExposedServices, res("kubernetes:core/v1:ServicePatch", "api", { metadata: { name: "api", labels: { a: "b" } } })));
    });
});

describe("k8s-ingress-tls: secretName and IngressPatch (bypass)", () => {
    const rule = { host: "verto.example.com", http: { paths: [] } };
    it("fails a TLS entry without secretName", () => {
        assertFails(run(k8s.ingressTls, res("kubernetes:networking.k8s.io/v1:Ingress", "web", {
            metadata: { name: "web" }, spec: { tls: [{ hosts: ["verto.example.com"] }], rules: [rule] },
        })), 'Ingress "web": spec.tls[0] has no secretName', 1);
    });
    it("judges an IngressPatch's TLS when it sets one, and passes one that leaves TLS alone", () => {
        assertFails(run(k8s.ingressTls, res("kubernetes:networking.k8s.io/v1:IngressPatch", "web", {
            metadata: { name: "web" }, spec: { tls: [], rules: [rule] },
        })), 'IngressPatch "web" has no spec.tls', 1);
        assertPasses(run(k8s.ingressTls, res("kubernetes:networking.k8s.io/v1:IngressPatch", "web", {
            metadata: { name: "web", annotations: { a: "b" } },
        })));
    });
});

describe("k8s-network-policy-no-allow-all", () => {
    const np = (spec: Record<string, unknown>) => res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "np",
        { metadata: { name: "np", namespace: "verto" }, spec: { podSelector: {}, ...spec } });
    it("passes narrow rules (named peers, or ports only) and a default deny", () => {
        assertPasses(run(k8s.networkPolicyNoAllowAll, np({ policyTypes: ["Ingress", "Egress"] })));
        assertPasses(run(k8s.networkPolicyNoAllowAll, np({
            ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }],
            egress: [{ ports: [{ port: 443 }] }, { to: [{ namespaceSelector: { matchLabels: { name: "kube-system" } } }] }],
        })));
    });
    it("fails an empty rule, 0.0.0.0/0 and every namespace on all ports", () => {
        assertFails(run(k8s.networkPolicyNoAllowAll, np({ ingress: [{}] })), "spec.ingress[0] is a rule without from and ports", 1);
        assertFails(run(k8s.networkPolicyNoAllowAll, np({ egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] })), "ipBlock 0.0.0.0/0", 1);
        assertFails(run(k8s.networkPolicyNoAllowAll, np({ ingress: [{ from: [{ namespaceSelector: {} }] }] })), "every namespace", 1);
        assert.equal(k8s.allowsAll([{ rule: { to: [{ ipBlock: { cidr: "203.0.113.0/24" } }] }, label: "r" }], "to").verdict, "no");
    });
});

describe("k8s-service-no-external-name, k8s-ingress-host-required, k8s-ingress-safe-annotations", () => {
    const ingress = (annotations: Record<string, string>, rules: unknown[]) => res("kubernetes:networking.k8s.io/v1:Ingress", "web", {
        metadata: { name: "web", namespace: "verto", annotations }, spec: { tls: [{ hosts: ["verto.com"], secretName: "tls" }], rules } });
    const rule = { host: "verto.com", http: { paths: [] } };
    it("pass a ClusterIP Service and the program's Ingress (hosts on every rule, TLS redirects on)", () => {
        assertPasses(run(k8s.noExternalName, res("kubernetes:core/v1:Service", "api", { metadata: { name: "api" }, spec: { type: "ClusterIP", ports: [{ port: 80 }] } })));
        const program = ingress({ "cert-manager.io/cluster-issuer": "letsencrypt-prod", "nginx.ingress.kubernetes.io/force-ssl-redirect": "true",
            "nginx.ingress.kubernetes.io/ssl-redirect": "true", "nginx.ingress.kubernetes.io/limit-rpm": "100" }, [rule]);
        assertPasses(run(k8s.ingressHostRequired, program));
        assertPasses(run(k8s.ingressSafeAnnotations, program));
    });
    it("refuse the plain forms", () => {
        assertFails(run(k8s.noExternalName, res("kubernetes:core/v1:Service", "x", { metadata: { name: "x" }, spec: { type: "ExternalName", externalName: "example.com" } })),
            'Service "x" will be a DNS alias for "example.com"', 1);
        assertFails(run(k8s.ingressHostRequired, ingress({}, [{ http: { paths: [] } }])), "spec.rules[0] has no host", 1);
        assertFails(run(k8s.ingressSafeAnnotations, ingress({ "nginx.ingress.kubernetes.io/server-snippet": "x" }, [rule])), "server-snippet injects", 1);
    });
});
