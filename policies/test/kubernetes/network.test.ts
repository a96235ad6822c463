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
