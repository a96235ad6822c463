// Services: nothing exposed on the nodes or on claimed addresses, and no ExternalName aliases.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isObject, nonEmptyString, violation } from "../../common/util";
import { objectsOf } from "../model/object";

const EXPOSED_SERVICE_TYPES = new Set(["loadbalancer", "nodeport"]);

function services(args: { type: string; props: any; name: string }) {
    return objectsOf(args.type, args.props, args.name).filter(o => o.kind === "Service" && o.group === "");
}

export const noExposedServices: ResourceValidationPolicy = {
    name: "k8s-no-nodeport-loadbalancer",
    description: describe(
        "Services must not be of type LoadBalancer or NodePort, and must not claim externalIPs.",
        "use type ClusterIP without spec.externalIPs and expose HTTP through an Ingress (with TLS).",
        "Kyverno restrict-nodeport, restrict-service-external-ips, Gatekeeper k8sblocknodeport/k8sblockloadbalancer, "
        + "CVE-2020-8554"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const o of services(args)) {
            const spec = isObject(o.body?.spec) ? o.body.spec : {};
            if (typeof spec.type === "string" && EXPOSED_SERVICE_TYPES.has(spec.type.trim().toLowerCase())) {
                report(violation(`${o.label} has spec.type ${spec.type}: it will listen on every node or on a public load balancer`,
                    "it bypasses the Ingress (TLS, rate limits) and reaches the pods from outside the cluster",
                    "use type ClusterIP and route HTTP through the Ingress"));
            }
            const ips = asArray(spec.externalIPs).filter(nonEmptyString);
            if (ips.length > 0) {
                report(violation(`${o.label} sets spec.externalIPs ${ips.join(", ")}`,
                    "external IPs expose the Service outside the cluster and can intercept traffic meant for those addresses (CVE-2020-8554)",
                    "remove spec.externalIPs"));
            }
        }
    },
};

export const noExternalName: ResourceValidationPolicy = {
    name: "k8s-service-no-external-name",
    description: describe(
        "Services must not be of type ExternalName.",
        "call the external host directly (with its own TLS), or select pods with a ClusterIP Service.",
        "Kyverno disallow-localhost-services, CVE-2021-25740"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const o of services(args)) {
            const spec = isObject(o.body?.spec) ? o.body.spec : {};
            const type = typeof spec.type === "string" ? spec.type.trim().toLowerCase() : "";
            if (type === "externalname" || nonEmptyString(spec.externalName)) {
                report(violation(`${o.label} will be a DNS alias for ${JSON.stringify(spec.externalName ?? "(unset)")} (type ExternalName)`,
                    "an ExternalName Service lets whoever controls the name send in-cluster clients and Ingress controllers "
                    + "anywhere, including localhost and other namespaces' services (CVE-2021-25740)",
                    "call the external host directly over TLS, or use a ClusterIP Service with a selector"));
            }
        }
    },
};
