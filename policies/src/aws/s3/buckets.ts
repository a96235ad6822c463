// Buckets and their settings resources (types of @pulumi/aws 6.x).
//
// S3 settings live in sibling resources that reference the bucket (`bucket: <bucket name or id>`). A sibling
// belongs to a bucket when (see ../../common/match.ts for the three-valued logic):
//   1. the engine's property dependencies say its `bucket` input comes from that bucket resource; or
//   2. its `bucket` value is known and equals the bucket's physical name (`bucket` prop) or `id`; or
//   3. the bucket has no physical name in its inputs (autonamed) and the value equals its `id`, or, in dumps made with
//      mocks where the id is the resource name, that resource name. A bucket whose physical name is known is never
//      credited with a sibling by resource name: that sibling configures the bucket of that name, not this one.
// A sibling whose reference is not known yet and has no dependency data is "maybe": the SDK's advisory "can't run
// during preview" is raised instead of a verdict. The older inline forms are accepted too: `aws:s3/bucket:Bucket`
// (serverSideEncryptionConfiguration, versioning, lifecycleRules, policy) and the deprecated inline inputs of
// BucketV2 (serverSideEncryptionConfigurations, versionings, lifecycleRules, policy).

import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Undecided, linkWithDeps, settle } from "../../common/match";
import { Tri, and, or } from "../../common/tri";
import { UNKNOWN, nonEmptyString, peek, typeKind } from "../../common/util";

export const BUCKET_TYPES = ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"];

export function ofTypes(args: Pick<StackValidationArgs, "resources">, types: readonly string[]): PolicyResource[] {
    return args.resources.filter(r => types.includes(r.type));
}

/** The bucket's name for messages: its `bucket` prop when known, else its Pulumi resource name. */
export function bucketLabel(b: PolicyResource): string {
    const n = peek(b.props, "bucket");
    return nonEmptyString(n) ? n : b.name;
}

/** Does sibling `s` (with a `bucket` input) configure bucket `b`? */
export function refersToBucket(s: PolicyResource, b: PolicyResource): Tri {
    const ref = peek(s.props, "bucket");
    if (ref === UNKNOWN) {
        return linkWithDeps("maybe", s, b, ["bucket"]);
    }
    if (!nonEmptyString(ref)) {
        return "no";
    }
    const physical = peek(b.props, "bucket");
    const id = peek(b.props, "id");
    const deps = s.propertyDependencies?.bucket ?? [];
    if (deps.length > 0 && deps.some(d => d.urn === b.urn)) {
        return "yes";
    }
    if (nonEmptyString(physical)) {
        return physical === ref || id === ref ? "yes" : "no";
    }
    if (deps.length > 0) {
        return id === ref ? "yes" : "no"; // its reference comes from another resource
    }
    if (id === ref || b.name === ref) {
        return "yes";
    }
    // The physical name is not known yet (preview): a known reference could still be it.
    return physical === UNKNOWN ? "maybe" : "no";
}

export type Content = (r: PolicyResource) => Tri;

/**
 * One bucket check over a settings resource kind (`types`, which reference their bucket with `bucket`).
 *
 *  - Each declared bucket needs a good settings resource (or good inline settings, or `global`), and EVERY settings
 *    resource that references it must be good: S3 keeps one such configuration per bucket, so a second, bad one
 *    overwrites the good one. The failure names the bad ones.
 *  - With `ownJudge`, every settings resource that is not definitely one of a declared bucket's (a bucket brought by
 *    name, managed elsewhere) is judged on its own: a bad one fails by itself.
 */
export function bucketStackPolicy(opts: {
    name: string; description: string; types: readonly string[];
    sibling: Content; inline: Content; failure: (label: string) => string;
    /** What is wrong with a settings resource on its own (it already judged "no" by `sibling`). */
    why: (s: PolicyResource) => string;
    /** Why the missing setting is unsafe, and the fix, for the message. */
    advice: { why: string; fix: string };
    ownJudge: boolean;
    applies?: (b: PolicyResource) => boolean; global?: (args: StackValidationArgs) => Tri;
}): StackValidationPolicy {
    const tail = `. Why: ${opts.advice.why}. Fix: ${opts.advice.fix}`;
    return {
        name: opts.name,
        description: opts.description,
        enforcementLevel: "mandatory",
        validateStack: (args, report: ReportViolation) => {
            const undecided = new Undecided();
            const siblings = ofTypes(args, opts.types);
            const verdicts = new Map(siblings.map(s => [s.urn, opts.sibling(s)]));
            const global = opts.global ? opts.global(args) : "no";
            const claimed = new Set<string>();
            for (const b of ofTypes(args, BUCKET_TYPES)) {
                const links = siblings.map(s => ({ s, link: refersToBucket(s, b) }));
                links.filter(x => x.link === "yes").forEach(x => claimed.add(x.s.urn));
                if (opts.applies && !opts.applies(b)) {
                    continue;
                }
                const label = bucketLabel(b);
                const bad = links.filter(x => x.link === "yes" && verdicts.get(x.s.urn) === "no").map(x => x.s);
                if (bad.length > 0) {
                    report(`${opts.failure(label)}: ${bad.map(s => `${typeKind(s.type)} "${s.name}" ${opts.why(s)}`).join("; ")}${tail}`,
                        b.urn);
                    continue;
                }
                const result = or(global, opts.inline(b), ...links.map(x => and(x.link, verdicts.get(x.s.urn)!)));
                settle(result, report, undecided, `${opts.failure(label)}${tail}`, b.urn, `${opts.name} for bucket ${label}`);
            }
            if (opts.ownJudge) {
                for (const s of siblings.filter(x => !claimed.has(x.urn) && verdicts.get(x.urn) === "no")) {
                    const ref = peek(s.props, "bucket");
                    report(`${typeKind(s.type)} "${s.name}"${nonEmptyString(ref) ? ` (bucket ${ref})` : ""} ${opts.why(s)}${tail}`, s.urn);
                }
            }
            undecided.finish();
        },
    };
}
