// Kubernetes network exposure rules: Services and Ingresses.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isK8s, isObject, k8sName, nonEmptyString } from "../common/util";

const EXPOSED_SERVICE_TYPES = new Set(["LoadBalancer", "NodePort"]);

export const noExposedServices: ResourceValidationPolicy = {
    name: "k8s-no-nodeport-loadbalancer",
    description: describe(
        "Services must not be of type LoadBalancer or NodePort.",
        "use type ClusterIP and expose HTTP through an Ingress (with TLS).",
        "Kyverno restrict-nodeport, Gatekeeper k8sblocknodeport/k8sblockloadbalancer"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isK8s(args.type, "Service", [""])) {
            return;
        }
        const type = args.props?.spec?.type;
        if (typeof type === "string" && EXPOSED_SERVICE_TYPES.has(type)) {
            report(`Service "${k8sName(args.props, args.name)}" has spec.type ${type}`);
        }
    },
};

/** True when a TLS host entry covers the rule host (exact match or a one-label wildcard). */
export function tlsHostCovers(tlsHost: string, host: string): boolean {
    const a = tlsHost.toLowerCase();
    const b = host.toLowerCase();
    if (a === b) {
        return true;
    }
    if (a.startsWith("*.")) {
        const suffix = a.substring(1); // ".example.com"
        if (b.startsWith("*.")) {
            return false;
        }
        return b.endsWith(suffix) && !b.substring(0, b.length - suffix.length).includes(".");
    }
    return false;
}

export const ingressTls: ResourceValidationPolicy = {
    name: "k8s-ingress-tls",
    description: describe(
        "Ingresses must terminate TLS for every host they route.",
        "add spec.tls entries whose hosts cover every spec.rules[].host (with a certificate secretName).",
        "Kyverno require-ingress-https, ingress-host-match-tls"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isK8s(args.type, "Ingress", ["networking.k8s.io", "extensions"])) {
            return;
        }
        const spec = isObject(args.props?.spec) ? args.props.spec : {};
        const tls = asArray(spec.tls).filter(isObject);
        const name = k8sName(args.props, args.name);
        if (tls.length === 0) {
            report(`Ingress "${name}" has no spec.tls: serve every host over HTTPS`);
            return;
        }
        const tlsHosts = tls.flatMap(t => asArray(t.hosts)).filter(nonEmptyString);
        for (const rule of asArray(spec.rules)) {
            const host = isObject(rule) ? rule.host : undefined;
            if (!nonEmptyString(host)) {
                continue; // a host-less rule is served with any TLS entry (already present)
            }
            if (!tlsHosts.some(t => tlsHostCovers(t, host))) {
                report(`Ingress "${name}": host "${host}" is not covered by any spec.tls[].hosts entry`);
            }
        }
    },
};

export const networkResourcePolicies: ResourceValidationPolicy[] = [
    noExposedServices,
    ingressTls,
];
