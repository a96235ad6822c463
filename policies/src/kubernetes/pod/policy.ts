// Building blocks of the pod rules: a rule runs over every pod template the resource's objects hold (see
// ../model/pods.ts), and container rules over every container, init container and ephemeral container of each.
//
// A `<Kind>Patch` is judged as what it adds or changes: the pack cannot see the object it is merged into, so a
// container named in a patch is judged as the container that will run, and must carry its own settings.

import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject, violation } from "../../common/util";
import { ContainerRef, PodTemplate, containersOf, podTemplatesOf } from "../model/pods";

export interface Advice {
    /** Why what will exist is unsafe. */
    why: string;
    /** What to change. */
    fix: string;
}

type PodCheck = (pod: PodTemplate, report: (what: string) => void, args: ResourceValidationArgs) => void;

/** A policy over every pod template of every resource; resources without one are ignored. */
export function podPolicy(name: string, description: string, advice: Advice, check: PodCheck): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel: "mandatory",
        validateResource: (args, report: ReportViolation) => {
            for (const pod of podTemplatesOf(args.type, args.props, args.name)) {
                check(pod, what => report(violation(what, advice.why, advice.fix)), args);
            }
        },
    };
}

/** A policy applied to every container of every pod template; `check` returns the problem, if any. */
export function containerPolicy(name: string, description: string, advice: Advice,
    check: (c: ContainerRef, pod: PodTemplate, args: ResourceValidationArgs) => string | undefined): ResourceValidationPolicy {
    return podPolicy(name, description, advice, (pod, report, args) => {
        for (const c of containersOf(pod.spec)) {
            const problem = check(c, pod, args);
            if (problem) {
                report(`${pod.subject}: ${c.label} ${problem}`);
            }
        }
    });
}

/** A required setting that is missing; for patches, says why the patch itself must state it. */
export function missing(pod: PodTemplate, problem: string): string {
    return pod.patch ? `${problem} (a patched container is judged as the container that will run: state it in the patch)`
        : problem;
}

export function sc(c: ContainerRef): Record<string, any> {
    return isObject(c.container.securityContext) ? c.container.securityContext : {};
}

export function podSc(pod: PodTemplate): Record<string, any> {
    return isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};
}
