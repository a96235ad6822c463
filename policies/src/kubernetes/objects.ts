// Rules about the object itself: the type token must say what the provider will create, and the API version must
// be one the cluster still serves.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, violation } from "../common/util";
import { objectsOf } from "./model/object";

export const objectMatchesType: ResourceValidationPolicy = {
    name: "k8s-object-matches-type",
    description: describe(
        "A Kubernetes resource's apiVersion and kind must match its Pulumi type token.",
        "register the object under the token of what it is (kubernetes:<group>/<version>:<Kind>), or fix its "
        + "apiVersion/kind.",
        "verto normalisation rule; no Checkov/Kyverno id"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const o of objectsOf(args.type, args.props, args.name)) {
            if (o.mismatch) {
                report(violation(`${o.label} (resource "${args.name}"): ${o.mismatch}; the provider will create a ${o.apiVersion} ${o.kind}`,
                    "reviews, tooling and rules that read the type token see something other than what will exist",
                    `register it as kubernetes:${o.group === "" ? "core" : o.group}/${o.version}:${o.kind}${o.patch ? "Patch" : ""}, or correct apiVersion/kind`));
            }
        }
    },
};

/** API versions removed from Kubernetes, by group/version, with the release that removed them. */
const DEPRECATED: Record<string, { removedIn: string }> = {
    "extensions/v1beta1": { removedIn: "1.22" },
    "apps/v1beta1": { removedIn: "1.16" },
    "apps/v1beta2": { removedIn: "1.16" },
    "networking.k8s.io/v1beta1": { removedIn: "1.22" },
    "policy/v1beta1": { removedIn: "1.25" },
    "batch/v1beta1": { removedIn: "1.25" },
    "batch/v2alpha1": { removedIn: "1.21" },
    "autoscaling/v2beta1": { removedIn: "1.25" },
    "autoscaling/v2beta2": { removedIn: "1.26" },
    "rbac.authorization.k8s.io/v1beta1": { removedIn: "1.22" },
    "rbac.authorization.k8s.io/v1alpha1": { removedIn: "1.22" },
    "admissionregistration.k8s.io/v1beta1": { removedIn: "1.22" },
    "apiextensions.k8s.io/v1beta1": { removedIn: "1.22" },
    "apiregistration.k8s.io/v1beta1": { removedIn: "1.22" },
    "authentication.k8s.io/v1beta1": { removedIn: "1.22" },
    "authorization.k8s.io/v1beta1": { removedIn: "1.22" },
    "certificates.k8s.io/v1beta1": { removedIn: "1.22" },
    "coordination.k8s.io/v1beta1": { removedIn: "1.22" },
    "discovery.k8s.io/v1beta1": { removedIn: "1.25" },
    "events.k8s.io/v1beta1": { removedIn: "1.25" },
    "flowcontrol.apiserver.k8s.io/v1beta1": { removedIn: "1.26" },
    "flowcontrol.apiserver.k8s.io/v1beta2": { removedIn: "1.29" },
    "flowcontrol.apiserver.k8s.io/v1beta3": { removedIn: "1.32" },
    "node.k8s.io/v1beta1": { removedIn: "1.25" },
    "scheduling.k8s.io/v1beta1": { removedIn: "1.22" },
    "storage.k8s.io/v1beta1": { removedIn: "1.22" },
};

export const noDeprecatedApi: ResourceValidationPolicy = {
    name: "k8s-no-deprecated-api",
    description: describe(
        "Kubernetes objects must use API versions the cluster still serves (no removed beta versions, no "
        + "PodSecurityPolicy).",
        "move to the stable version (apps/v1, networking.k8s.io/v1, policy/v1, batch/v1, autoscaling/v2 ...); replace "
        + "PodSecurityPolicy with Pod Security admission labels.",
        "Kyverno check-deprecated-apis"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        for (const o of objectsOf(args.type, args.props, args.name)) {
            const d = DEPRECATED[o.apiVersion];
            if (d) {
                report(violation(`${o.label} uses ${o.apiVersion}, removed in Kubernetes ${d.removedIn}`,
                    "the API server refuses it, or serves it with old defaults and without the fields later versions secure",
                    `use the stable API version of ${o.kind}`));
            } else if (o.kind === "PodSecurityPolicy") {
                report(violation(`${o.label} is a PodSecurityPolicy, removed in Kubernetes 1.25`,
                    "it enforces nothing on current clusters while looking like a control",
                    "label the namespace with Pod Security admission (pod-security.kubernetes.io/enforce: restricted)"));
            }
        }
    },
};
