// Kubernetes network exposure rules: Services, Ingresses and NetworkPolicies (and their Patch variants), each judged
// on its own.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isK8sOrPatch, isObject, k8sBaseKind, k8sName, nonEmptyString } from "../common/util";

const EXPOSED_SERVICE_TYPES = new Set(["LoadBalancer", "NodePort"]);

export const noExposedServices: ResourceValidationPolicy = {
    name: "k8s-no-nodeport-loadbalancer",
    description: describe(
        "Services must not be of type LoadBalancer or NodePort, and must not claim externalIPs.",
        "use type ClusterIP without spec.externalIPs and expose HTTP through an Ingress (with TLS).",
        "Kyverno restrict-nodeport, restrict-service-external-ips, Gatekeeper k8sblocknodeport/k8sblockloadbalancer, "
        + "CVE-2020-8554"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isK8sOrPatch(args.type, "Service", [""])) {
            return;
        }
        const kind = k8sBaseKind(args.type)!.patch ? "ServicePatch" : "Service";
        const name = k8sName(args.props, args.name);
        const spec = isObject(args.props?.spec) ? args.props.spec : {};
        if (typeof spec.type === "string" && EXPOSED_SERVICE_TYPES.has(spec.type)) {
            report(`${kind} "${name}" has spec.type ${spec.type}`);
        }
        const ips = asArray(spec.externalIPs).filter(nonEmptyString);
        if (ips.length > 0) {
            report(`${kind} "${name}" sets spec.externalIPs ${ips.join(", ")}: external IPs expose the Service outside `
                + "the cluster and can intercept other traffic (CVE-2020-8554)");
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

const INGRESS_GROUPS = ["networking.k8s.io", "extensions"];

export const ingressTls: ResourceValidationPolicy = {
    name: "k8s-ingress-tls",
    description: describe(
        "Ingresses must terminate TLS for every host they route, with a certificate secret.",
        "add spec.tls entries whose hosts cover every spec.rules[].host, each with a certificate secretName.",
        "Kyverno require-ingress-https, ingress-host-match-tls"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isK8sOrPatch(args.type, "Ingress", INGRESS_GROUPS)) {
            return;
        }
        const patch = k8sBaseKind(args.type)!.patch;
        const spec = isObject(args.props?.spec) ? args.props.spec : {};
        const name = `${patch ? "IngressPatch" : "Ingress"} "${k8sName(args.props, args.name)}"`;
        if (patch && spec.tls === undefined) {
            return; // the patch keeps the Ingress's own TLS
        }
        const tls = asArray(spec.tls).filter(isObject);
        if (tls.length === 0) {
            report(`${name} has no spec.tls: serve every host over HTTPS`);
            return;
        }
        tls.forEach((t, i) => {
            if (!nonEmptyString(t.secretName)) {
                report(`${name}: spec.tls[${i}] has no secretName: name the certificate Secret`);
            }
        });
        const tlsHosts = tls.flatMap(t => asArray(t.hosts)).filter(nonEmptyString);
        for (const rule of asArray(spec.rules)) {
            const host = isObject(rule) ? rule.host : undefined;
            if (!nonEmptyString(host)) {
                continue; // a host-less rule is served with any TLS entry (already present)
            }
            if (!tlsHosts.some(t => tlsHostCovers(t, host))) {
                report(`${name}: host "${host}" is not covered by any spec.tls[].hosts entry`);
            }
        }
    },
};

const NETWORK_POLICY_GROUPS = ["networking.k8s.io", "extensions"];

function emptySelector(sel: unknown): boolean {
    if (sel === undefined || sel === null) {
        return true;
    }
    if (!isObject(sel)) {
        return false;
    }
    const noLabels = !isObject(sel.matchLabels) || Object.keys(sel.matchLabels).length === 0;
    const noExprs = asArray(sel.matchExpressions).length === 0;
    return noLabels && noExprs;
}

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

/** Why a NetworkPolicy peer means "anything", or undefined. */
function anyPeer(peer: unknown): string | undefined {
    if (!isObject(peer)) {
        return undefined;
    }
    if (isObject(peer.ipBlock) && ANYWHERE.has(String(peer.ipBlock.cidr)) && asArray(peer.ipBlock.except).length === 0) {
        return `ipBlock ${peer.ipBlock.cidr}`;
    }
    if (peer.namespaceSelector !== undefined && emptySelector(peer.namespaceSelector) && emptySelector(peer.podSelector)) {
        return "every pod of every namespace (namespaceSelector: {})";
    }
    return undefined;
}

/**
 * Why a NetworkPolicy rule allows all traffic, or undefined. A rule allows everything when it restricts neither the
 * ports nor the peers (no `from`/`to`, or a peer that is 0.0.0.0/0, ::/0 or every namespace).
 */
export function allowAllReason(rule: unknown, peersKey: "from" | "to"): string | undefined {
    if (!isObject(rule)) {
        return undefined;
    }
    if (asArray(rule.ports).length > 0) {
        return undefined;
    }
    const peers = asArray(rule[peersKey]);
    if (peers.length === 0) {
        return `a rule without ${peersKey} and ports (all peers, all ports)`;
    }
    const any = peers.map(anyPeer).find(x => x !== undefined);
    return any ? `a rule allowing ${any} on all ports` : undefined;
}

export const networkPolicyNoAllowAll: ResourceValidationPolicy = {
    name: "k8s-network-policy-no-allow-all",
    description: describe(
        "NetworkPolicies must not allow all traffic: policies add up, so one allow-all policy cancels the namespace's "
        + "default deny.",
        "name the peers (podSelector / namespaceSelector with labels, or a narrow ipBlock) or the ports in every "
        + "ingress and egress rule; never `{}`, 0.0.0.0/0 or namespaceSelector: {} on all ports.",
        "CKV2_K8S_6, Kyverno add-network-policy"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isK8sOrPatch(args.type, "NetworkPolicy", NETWORK_POLICY_GROUPS)) {
            return;
        }
        const spec = isObject(args.props?.spec) ? args.props.spec : {};
        const name = k8sName(args.props, args.name);
        for (const [key, peers] of [["ingress", "from"], ["egress", "to"]] as const) {
            asArray(spec[key]).forEach((rule, i) => {
                const why = allowAllReason(rule, peers);
                if (why) {
                    report(`NetworkPolicy "${name}": spec.${key}[${i}] is ${why}; it cancels the default deny`);
                }
            });
        }
    },
};

export const networkResourcePolicies: ResourceValidationPolicy[] = [
    noExposedServices,
    ingressTls,
    networkPolicyNoAllowAll,
];
