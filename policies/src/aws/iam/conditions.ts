// Conditions evaluated for a caller who is not ours: what each condition key holds for that caller, and what each
// operator then yields ("true", "false", or "free" when the caller picks the value, like aws:SecureTransport or
// aws:Referer). See evaluate.ts for the callers ("personas").

import { PUBLIC_V4, PUBLIC_V6, coversAll, parseCidr, union } from "../../common/cidr";
import { globMatch } from "../../common/glob";
import type { Clause } from "./document";

export type Result = "true" | "false" | "free";

/** What a condition key holds for the caller. */
export type KeyValue =
    | { kind: "absent" }
    /** Present, with a value of the caller's own (its account, its resource): never one of the policy's literals. */
    | { kind: "foreign" }
    | { kind: "value"; value: string }
    /** The caller's source address: anywhere on the Internet outside the narrow ranges a policy names. */
    | { kind: "ip" }
    /** The caller chooses. */
    | { kind: "free" };

const NEGATED = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike|NotIpAddress)$/i;
const WILDCARD_OPERATORS = /^(StringLike|StringNotLike|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)$/i;
const ARN_KEYS = new Set(["aws:sourcearn", "aws:principalarn"]);

/**
 * Can a caller with its own value (another account, another account's resource) match this pattern? An ARN pattern
 * whose account field is a wildcard, empty (S3 buckets and other global names anyone can register) with a wildcard
 * elsewhere, or that stops before the account, is loose; so is any wildcard in other keys' values.
 */
export function loosePattern(key: string, pattern: string): boolean {
    if (!/[*?]/.test(pattern)) {
        return false;
    }
    if (ARN_KEYS.has(key)) {
        const parts = pattern.split(":");
        return parts.length < 5 || parts[4] === "" || /[*?]/.test(parts[4]);
    }
    return true;
}

/** A CIDR list an arbitrary Internet caller can be inside: a range wider than a /8 (IPv4) or /32 (IPv6). */
function wideCidrs(values: readonly string[]): boolean {
    return values.map(parseCidr).some(c => c !== undefined && c.prefix < (c.family === 4 ? 8 : 32));
}

function coversInternet(values: readonly string[]): boolean {
    const cidrs = values.map(parseCidr).filter(c => c !== undefined);
    return coversAll(union(cidrs.filter(c => c!.family === 4).map(c => c!.range)), PUBLIC_V4)
        || coversAll(union(cidrs.filter(c => c!.family === 6).map(c => c!.range)), PUBLIC_V6);
}

function literalMatch(base: string, value: string, patterns: readonly string[]): boolean {
    const b = base.toLowerCase();
    if (b.startsWith("bool")) {
        return patterns.some(p => p.toLowerCase() === value.toLowerCase());
    }
    if (b.includes("ignorecase")) {
        return patterns.some(p => p.toLowerCase() === value.toLowerCase());
    }
    if (WILDCARD_OPERATORS.test(base)) {
        return patterns.some(p => globMatch(p, value));
    }
    return patterns.includes(value);
}

/** One condition clause for a caller whose key holds `v`. */
export function clauseResult(c: Clause, v: KeyValue): Result {
    const negated = NEGATED.test(c.base);
    const isNull = /^null$/i.test(c.base);
    if (v.kind === "free") {
        return "free";
    }
    if (v.kind === "absent") {
        if (isNull) {
            return c.values.some(x => x.toLowerCase() === "true") ? "true" : "false";
        }
        return c.ifExists || negated || c.set === "forallvalues" ? "true" : "false";
    }
    if (isNull) {
        return c.values.some(x => x.toLowerCase() === "false") ? "true" : "false";
    }
    if (v.kind === "ip") {
        if (/^IpAddress$/i.test(c.base)) {
            return wideCidrs(c.values) ? "true" : "false";
        }
        if (/^NotIpAddress$/i.test(c.base)) {
            return coversInternet(c.values) ? "false" : "true";
        }
        return "false";
    }
    if (v.kind === "foreign") {
        const matchable = WILDCARD_OPERATORS.test(c.base) && c.values.some(p => loosePattern(c.key, p));
        if (/^(String|Arn)/i.test(c.base)) {
            return negated ? (matchable ? "false" : "true") : (matchable ? "true" : "false");
        }
        return negated ? "true" : "false";
    }
    const hit = literalMatch(c.base.replace(/Not/i, ""), v.value, c.values);
    return negated ? (hit ? "false" : "true") : (hit ? "true" : "false");
}

/** AND over clauses: false wins, then free. */
export function allOf(results: readonly Result[]): Result {
    return results.includes("false") ? "false" : results.includes("free") ? "free" : "true";
}
