// Ingresses: TLS for every host, a host on every rule, and no annotations that serve plain HTTP or inject
// controller configuration.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isObject, nonEmptyString, violation } from "../../common/util";
import { K8sObject, objectsOf } from "../model/object";

const INGRESS_GROUPS = ["networking.k8s.io", "extensions"];

function ingresses(args: { type: string; props: any; name: string }): K8sObject[] {
    return objectsOf(args.type, args.props, args.name).filter(o => o.kind === "Ingress" && INGRESS_GROUPS.includes(o.group));
}

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

const TLS_ADVICE = {
    why: "a host served without TLS sends sessions and credentials over plain HTTP",
    fix: "add spec.tls entries whose hosts cover every spec.rules[].host, each with a certificate secretName",
};

export const ingressTls: ResourceValidationPolicy = {
    name: "k8s-ingress-tls",
    description: describe(
        "Ingresses must terminate TLS for every host they route, with a certificate secret.",
        "add spec.tls entries whose hosts cover every spec.rules[].host, each with a certificate secretName.",
        "Kyverno require-ingress-https, ingress-host-match-tls"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const say = (what: string) => report(violation(what, TLS_ADVICE.why, TLS_ADVICE.fix));
        for (const o of ingresses(args)) {
            const spec = isObject(o.body?.spec) ? o.body.spec : {};
            if (o.patch && spec.tls === undefined && spec.rules === undefined) {
                continue; // the patch changes neither hosts nor TLS
            }
            const tls = asArray(spec.tls).filter(isObject);
            if (tls.length === 0) {
                say(`${o.label} has no spec.tls: its hosts will be served over plain HTTP`);
                continue;
            }
            tls.forEach((t, i) => {
                if (!nonEmptyString(t.secretName)) {
                    say(`${o.label}: spec.tls[${i}] has no secretName`);
                }
            });
            const tlsHosts = tls.flatMap(t => asArray(t.hosts)).filter(nonEmptyString);
            for (const rule of asArray(spec.rules)) {
                const host = isObject(rule) ? rule.host : undefined;
                if (nonEmptyString(host) && !tlsHosts.some(t => tlsHostCovers(t, host))) {
                    say(`${o.label}: host "${host}" is not covered by any spec.tls[].hosts entry`);
                }
            }
        }
    },
};

export const ingressHostRequired: ResourceValidationPolicy = {
    name: "k8s-ingress-host-required",
    description: describe(
        "Every Ingress rule must name a host, and Ingresses must not set a default backend.",
        "set spec.rules[].host on every rule and remove spec.defaultBackend.",
        "Kyverno disallow-empty-ingress-host"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const why = "a rule without a host (or a default backend) answers every Host header sent to the controller, "
            + "including names the certificate does not cover";
        for (const o of ingresses(args)) {
            const spec = isObject(o.body?.spec) ? o.body.spec : {};
            asArray(spec.rules).forEach((rule, i) => {
                const host = isObject(rule) ? rule.host : undefined;
                if (!nonEmptyString(host) || host.trim() === "*") {
                    report(violation(`${o.label}: spec.rules[${i}] has no host: it will catch requests for any host`, why,
                        "set spec.rules[].host to the name the rule serves"));
                }
            });
            const backend = spec.defaultBackend ?? spec.backend;
            if (isObject(backend)) {
                report(violation(`${o.label} sets a default backend: it will catch requests for any host`, why,
                    "remove spec.defaultBackend and route hosts explicitly"));
            }
        }
    },
};

/** A false-ish annotation value (annotations are strings; controllers parse them leniently). */
function falsy(v: unknown): boolean {
    return /^(false|0|no|off)$/i.test(String(v).trim());
}

function truthy(v: unknown): boolean {
    return /^(true|1|yes|on)$/i.test(String(v).trim());
}

/** What each dangerous annotation does, or undefined. Keys are read by their name, whatever the controller prefix. */
export function annotationProblems(annotations: Record<string, unknown>): string[] {
    const out: string[] = [];
    const byName = (name: string) => Object.keys(annotations).filter(k => (k.includes("/") ? k.substring(k.indexOf("/") + 1) : k) === name);
    for (const k of Object.keys(annotations)) {
        const name = k.includes("/") ? k.substring(k.indexOf("/") + 1) : k;
        if (/snippet/i.test(name)) {
            out.push(`${k} injects raw controller configuration (it can read other namespaces' secrets, CVE-2021-25742)`);
        }
    }
    for (const k of byName("ssl-redirect")) {
        if (falsy(annotations[k])) {
            out.push(`${k}: "${annotations[k]}" serves the hosts over plain HTTP`);
        }
    }
    for (const k of byName("ingress.allow-http")) {
        if (truthy(annotations[k])) {
            out.push(`${k}: "${annotations[k]}" opens a plain HTTP listener`);
        }
    }
    for (const k of byName("router.entrypoints")) {
        const points = String(annotations[k]).split(",").map(s => s.trim().toLowerCase());
        if (points.includes("web") || points.includes("http")) {
            out.push(`${k}: "${annotations[k]}" serves the routes on the plain HTTP entry point`);
        }
    }
    for (const k of byName("listen-ports")) {
        if (/"HTTP"\s*:/i.test(String(annotations[k])) && !byName("ssl-redirect").some(r => nonEmptyString(annotations[r]) && !falsy(annotations[r]))) {
            out.push(`${k}: ${annotations[k]} opens an HTTP listener without ssl-redirect`);
        }
    }
    return out;
}

export const ingressSafeAnnotations: ResourceValidationPolicy = {
    name: "k8s-ingress-safe-annotations",
    description: describe(
        "Ingress annotations must not serve plain HTTP or inject controller configuration snippets.",
        "remove *-snippet annotations, ssl-redirect: \"false\", allow-http: \"true\" and plain-HTTP entry points or "
        + "listeners; configure the controller centrally instead.",
        "CKV_K8S_153, Kyverno disallow-ingress-nginx-custom-snippets, restrict-annotations"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const o of ingresses(args)) {
            const annotations = o.body?.metadata?.annotations;
            for (const problem of isObject(annotations) ? annotationProblems(annotations) : []) {
                report(violation(`${o.label}: annotation ${problem}`,
                    "snippets run inside the shared ingress controller with its credentials, and plain HTTP exposes "
                    + "sessions and credentials on the wire",
                    "remove the annotation; keep TLS redirects on and configure the controller centrally"));
            }
        }
    },
};
