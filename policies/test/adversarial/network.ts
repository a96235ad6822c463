// Attempts against the network rules: allow-all spelled differently, split across rules or policies, patched in,
// or hidden behind another token; Services and Ingresses exposed by other means.

import * as net from "../../src/kubernetes/network";
import * as ns from "../../src/kubernetes/namespace";
import { defaultDeny, namespace, quota, res, workload } from "../builders";
import { Attempt, against, againstStack } from "./attempt";

const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

function np(name: string, spec: Record<string, unknown>, type = NP) {
    return res(type, name, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: "verto" },
        spec: { podSelector: { matchLabels: { app: "web" } }, ...spec } });
}

function svc(name: string, spec: Record<string, unknown>, type = "kubernetes:core/v1:Service") {
    return res(type, name, { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "verto" }, spec: { ports: [{ port: 80 }], ...spec } });
}

function ingress(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}, type = "kubernetes:networking.k8s.io/v1:Ingress") {
    return res(type, name, { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace: "verto", annotations }, spec });
}

const rule = (host?: string) => ({ ...(host !== undefined ? { host } : {}), http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } });
const tls = [{ hosts: ["verto.example.com"], secretName: "tls" }];
const isolated = [namespace("verto"), defaultDeny("verto"), quota("verto")];

export const networkAttempts: Attempt[] = [
    against(net.networkPolicyNoAllowAll, "every address as two /1 halves", np("halves", { egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/1" } }, { ipBlock: { cidr: "128.0.0.0/1" } }] }] }), "ipBlock 0.0.0.0/1, ipBlock 128.0.0.0/1 on every TCP port"),
    against(net.networkPolicyNoAllowAll, "every address as 10.0.0.0/0 (host bits are ignored)", np("hostbits", { ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/0" } }] }] }), "ipBlock 10.0.0.0/0"),
    against(net.networkPolicyNoAllowAll, "every TCP port as two ranges in two rules", np("ranges", { egress: [
        { ports: [{ protocol: "TCP", port: 1, endPort: 32767 }] }, { ports: [{ protocol: "TCP", port: 32768, endPort: 65535 }] }] }), "on every TCP port"),
    against(net.networkPolicyNoAllowAll, "every namespace through an Exists on the namespace-name label", np("exists", { ingress: [{ from: [{
        namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] } }] }] }), "every pod of every namespace"),
    against(net.networkPolicyNoAllowAll, "the Internet minus private ranges, IPv6 as 2000::/3", np("internet", { egress: [{ to: [
        { ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] } }] }, { to: [{ ipBlock: { cidr: "2000::/3" } }] }] }), "ipBlock 0.0.0.0/0 except"),
    against(net.networkPolicyNoAllowAll, "allow-all policy registered under another token", np("open", { ingress: [{}] }, "kubernetes:verto.io/v1:Rules"), "is a rule without from and ports"),
    againstStack(ns.namespaceDefaultDeny, "NetworkPolicyPatch re-pointing the default deny at no pods", [...isolated,
        res("kubernetes:networking.k8s.io/v1:NetworkPolicyPatch", "repoint", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            metadata: { name: "default-deny", namespace: "verto" }, spec: { podSelector: { matchLabels: { nobody: "true" } } } })],
    "changes NetworkPolicy \"default-deny\""),
    againstStack(ns.namespaceDefaultDeny, "two policies for the same pods that together open every port", [...isolated,
        np("low", { egress: [{ ports: [{ port: 1, endPort: 40000 }] }] }), np("high", { egress: [{ ports: [{ port: 40001, endPort: 65535 }] }] })],
    "together allow"),
    againstStack(ns.namespaceDefaultDeny, "a default deny that only denies ingress (policyTypes omitted)", [namespace("verto"), quota("verto"),
        res(NP, "deny", { metadata: { name: "deny", namespace: "verto" }, spec: { podSelector: {} } })], "has no default-deny NetworkPolicy"),
    against(net.noExposedServices, "ServicePatch turning an existing Service into a NodePort", svc("api", { type: "NodePort" }, "kubernetes:core/v1:ServicePatch"), "spec.type NodePort"),
    against(net.noExposedServices, "LoadBalancer inside a ServiceList", res("kubernetes:core/v1:ServiceList", "svcs", { apiVersion: "v1", kind: "ServiceList",
        items: [{ apiVersion: "v1", kind: "Service", metadata: { name: "lb" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }] }), "spec.type LoadBalancer"),
    against(net.noExposedServices, "LoadBalancer registered under a custom token", svc("lb", { type: "LoadBalancer" }, "kubernetes:verto.io/v1:Endpoint"), "spec.type LoadBalancer"),
    against(net.noExternalName, "ExternalName to localhost set by a ServicePatch", svc("api", { type: "ExternalName", externalName: "localhost" }, "kubernetes:core/v1:ServicePatch"), "DNS alias for \"localhost\""),
    against(net.noExternalName, "ExternalName pointing at another namespace's service", svc("alias", { type: "ExternalName", externalName: "vault.secrets.svc.cluster.local" }), "DNS alias"),
    against(net.ingressTls, "IngressPatch adding a host without TLS", ingress("web", { rules: [rule("admin.verto.example.com")] }, {}, "kubernetes:networking.k8s.io/v1:IngressPatch"), "has no spec.tls"),
    against(net.ingressTls, "wildcard certificate stretched over two labels", ingress("web", { tls: [{ hosts: ["*.verto.example.com"], secretName: "tls" }], rules: [rule("a.b.verto.example.com")] }), "is not covered"),
    against(net.ingressHostRequired, "rule with an empty host", ingress("web", { tls, rules: [rule("verto.example.com"), rule("")] }), "spec.rules[1] has no host"),
    against(net.ingressHostRequired, "default backend that answers every host", ingress("web", { tls, rules: [rule("verto.example.com")], defaultBackend: { service: { name: "web", port: { number: 80 } } } }), "sets a default backend"),
    against(net.ingressSafeAnnotations, "snippet under a custom controller prefix", ingress("web", { tls, rules: [rule("verto.example.com")] }, { "ingress.example.com/configuration-snippet": "more_set_headers x" }), "configuration-snippet injects"),
    against(net.ingressSafeAnnotations, "TLS redirect switched off with a capitalised False", ingress("web", { tls, rules: [rule("verto.example.com")] }, { "nginx.ingress.kubernetes.io/ssl-redirect": "False" }), "serves the hosts over plain HTTP"),
    against(net.ingressSafeAnnotations, "ALB listener on plain HTTP", ingress("web", { tls, rules: [rule("verto.example.com")] }, { "alb.ingress.kubernetes.io/listen-ports": "[{\"HTTP\": 80}, {\"HTTPS\": 443}]" }), "opens an HTTP listener"),
];

export const namespaceAttempts: Attempt[] = [
    againstStack(ns.namespaceResourceQuota, "a quota whose limits are written as zero quantities", [namespace("verto"), defaultDeny("verto"),
        res("kubernetes:core/v1:ResourceQuota", "q", { metadata: { name: "q", namespace: "verto" }, spec: { hard: { "requests.cpu": "0m", "requests.memory": "0Mi", "limits.cpu": "0.0", "limits.memory": "0e3" } } })],
    "sets no positive spec.hard"),
    againstStack(ns.namespaceResourceQuota, "workload registered under a custom token in a namespace without quota", [
        { ...workload("Deployment", "w", undefined, "apps"), type: "kubernetes:verto.io/v1:App" }], 'Namespace "apps" (not declared in this stack'),
    againstStack(ns.namespacePodSecurity, "restricted enforced at the 1.22 definition", [res("kubernetes:core/v1:Namespace", "verto", { metadata: { name: "verto",
        labels: { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.22" } } })], "enforce-version: v1.22"),
    againstStack(ns.namespacePodSecurity, "level spelled Restricted (not a level admission knows)", [res("kubernetes:core/v1:Namespace", "verto", { metadata: { name: "verto",
        labels: { "pod-security.kubernetes.io/enforce": "Restricted" } } })], "enforce: Restricted"),
    againstStack(ns.namespacePodSecurity, "NamespacePatch pinning an old version", [res("kubernetes:core/v1:NamespacePatch", "verto", { metadata: { name: "verto",
        labels: { "pod-security.kubernetes.io/enforce-version": "v1.0" } } })], "enforce-version: v1.0"),
    against(ns.noDefaultNamespace, "Deployment without metadata.namespace (the provider has none either)", (() => {
        const d = workload("Deployment", "w");
        delete (d.props as any).metadata.namespace;
        return d;
    })(), "will be created in the default namespace"),
    against(ns.noDefaultNamespace, "custom resource placed in default explicitly", res("kubernetes:argoproj.io/v1alpha1:Rollout", "r", { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: { name: "r", namespace: "default" }, spec: {} }), "default namespace"),
    against(ns.noDefaultNamespace, "ConfigMap registered under a Namespace token, no namespace", res("kubernetes:core/v1:Namespace", "cm", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: {} }), 'ConfigMap "cm" will be created in the default namespace'),
];
