// Pod Security admission: every namespace must enforce the restricted level, at a version that has all of its
// checks, and the stack must declare every namespace its workloads run in (so that level can be seen).

import type { StackValidationPolicy } from "@pulumi/policy";
import { Undecided } from "../../common/match";
import { UNKNOWN, describe, peek, violation } from "../../common/util";
import { objectsOfKind } from "../model/stack";
import { namespacesOf, nsLabel, nsUrn } from "./scope";

const PSA_ENFORCE = "pod-security.kubernetes.io/enforce";
const PSA_ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";
/** Kubernetes 1.25 made Pod Security admission stable; older versions of the restricted level lack checks. */
export const MINIMUM_PSA_MINOR = 25;

/** Why an enforce-version label value weakens the restricted level, or undefined (unset and "latest" are fine). */
export function versionProblem(v: unknown): string | undefined {
    if (v === undefined || v === "latest") {
        return undefined;
    }
    const m = typeof v === "string" ? /^v1\.(\d+)$/.exec(v) : null;
    if (!m) {
        return `${PSA_ENFORCE_VERSION}: ${JSON.stringify(v)} is not a version Pod Security admission reads (latest or v1.<minor>)`;
    }
    return Number(m[1]) < MINIMUM_PSA_MINOR
        ? `${PSA_ENFORCE_VERSION}: ${v} enforces the restricted level as Kubernetes 1.${m[1]} defined it, without the checks added since`
        : undefined;
}

const WHY = "without Pod Security admission at restricted (and a current version of it), the API server admits "
    + "privileged and root pods into the namespace, whatever this pack sees";
const FIX = `label the Namespace ${PSA_ENFORCE}: restricted and ${PSA_ENFORCE_VERSION}: latest (or v1.${MINIMUM_PSA_MINOR}+)`;

export const namespacePodSecurity: StackValidationPolicy = {
    name: "k8s-namespace-pod-security",
    description: describe(
        "Every namespace the stack declares must enforce Pod Security restricted at a current version, and every "
        + "namespace its workloads run in must be declared by the stack (so that level can be seen); a NamespacePatch "
        + "must not lower it.",
        `label the Namespace ${PSA_ENFORCE}: restricted (and ${PSA_ENFORCE_VERSION} unset, latest or `
        + `v1.${MINIMUM_PSA_MINOR}+); declare the namespaces your workloads run in.`,
        "Pod Security Admission restricted level, Kyverno add-psa-labels"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        for (const ns of objectsOfKind(args, "Namespace", [""], { patches: true })) {
            const labels = peek(peek(ns.body, "metadata"), "labels");
            const level = labels === UNKNOWN ? UNKNOWN : peek(labels, PSA_ENFORCE);
            const version = labels === UNKNOWN ? UNKNOWN : peek(labels, PSA_ENFORCE_VERSION);
            if (level === UNKNOWN || version === UNKNOWN) {
                undecided.add(`Pod Security labels of namespace ${ns.name}`);
                continue;
            }
            if (level !== "restricted" && !(ns.patch && level === undefined)) {
                report(violation(`${ns.label} has ${PSA_ENFORCE}: ${level ?? "(unset)"}`, WHY, FIX), ns.resource.urn);
            }
            const weak = versionProblem(version);
            if (weak) {
                report(violation(`${ns.label} has ${weak}`, WHY, FIX), ns.resource.urn);
            }
        }
        for (const ns of namespacesOf(args).filter(n => !n.declared)) {
            report(violation(`${nsLabel(ns)}: the namespace's Pod Security level cannot be checked`, WHY,
                `declare the Namespace with ${PSA_ENFORCE}: restricted in this stack`), nsUrn(ns));
        }
        undecided.finish();
    },
};
