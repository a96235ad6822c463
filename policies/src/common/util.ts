// Shared helpers for the verto policies: safe property access that copes with preview-time unknowns, policy
// descriptions and violation messages.

import type { PolicyResource } from "@pulumi/policy";

/**
 * The sentinel strings that the policy SDK (`@pulumi/policy/proxy.js`) and the engine use for values
 * that are not known yet during `pulumi preview` (one per value kind). Reading such a value through the
 * props proxy that the SDK hands to a policy throws an `UnknownValueError`, which the SDK turns into an
 * advisory "can't run policy during preview" diagnostic. Stack policies need to look at many resources at
 * once, so they read raw values with {@link peek} and decide per value instead.
 */
const UNKNOWN_SENTINELS = new Set<string>([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** A value that is not known during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown");

export function isUnknownValue(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

/** True for the SDK's UnknownValueError (thrown when a policy reads an unknown value through the props proxy). */
export function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && e.constructor !== undefined && e.constructor.name === "UnknownValueError";
}

// The SDK ships no typings for its proxy module; it is the module server.js wraps every props object with.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const sdkProxy = require("@pulumi/policy/proxy");

/** Throws the SDK's UnknownValueError for `path` (reported by the SDK as "can't run policy during preview"). */
export function throwUnknown(path: string): never {
    throw new sdkProxy.UnknownValueError(sdkProxy.unknownStringValue, path.split("."));
}

/**
 * Wraps a raw value (read with {@link peek}) in the SDK's unknown-checking proxy again, so that rules reading an
 * unknown field through it get the SDK's advisory, exactly as when they read the props the SDK handed them.
 */
export function checked<T>(raw: T): T {
    return raw !== null && typeof raw === "object" ? sdkProxy.unknownCheckingProxy(raw) : raw;
}

/** The object behind the SDK's proxy (raw values, unknowns as sentinel strings); other values as they are. */
export function rawOf<T>(v: T): T {
    if (v !== null && typeof v === "object") {
        const target = (v as any)[sdkProxy.getSpecialProxyTarget];
        return target !== undefined ? target : v;
    }
    return v;
}

/**
 * Reads `obj[key]` without triggering the SDK's unknown-checking proxy: the proxy only traps `get`, so the
 * property descriptor comes straight from the underlying object. Returns {@link UNKNOWN} for a value that is
 * not known yet, `undefined` for a missing one.
 */
export function peek(obj: unknown, key: string): unknown {
    if (obj === null || obj === undefined || typeof obj !== "object") {
        return undefined;
    }
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (!desc) {
        return undefined;
    }
    const v = desc.value;
    return isUnknownValue(v) ? UNKNOWN : v;
}

/** {@link peek} along a path; stops at the first missing or unknown value. */
export function peekPath(obj: unknown, path: readonly string[]): unknown {
    let cur: unknown = obj;
    for (const key of path) {
        if (cur === UNKNOWN) {
            return UNKNOWN;
        }
        cur = peek(cur, key);
        if (cur === undefined) {
            return undefined;
        }
    }
    return cur;
}

export function isObject(v: unknown): v is Record<string, any> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function asArray(v: unknown): any[] {
    return Array.isArray(v) ? v : [];
}

export function nonEmptyString(v: unknown): v is string {
    return typeof v === "string" && v.trim() !== "";
}

/** The stack name from a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m ? m[1] : undefined;
}

/** True for resources that no rule should look at: providers (`pulumi:providers:*`) and the stack itself. */
export function isPulumiInternal(r: Pick<PolicyResource, "type">): boolean {
    return r.type.startsWith("pulumi:");
}

/** The last segment of a type token, for messages ("aws:s3/bucketV2:BucketV2" -> "BucketV2"). */
export function typeKind(type: string): string {
    return type.substring(type.lastIndexOf(":") + 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Policy metadata and messages

/** Description text used for every policy: what to do, then the matching rule ids. */
export function describe(what: string, fix: string, ids: string): string {
    return `${what} Fix: ${fix} (${ids})`;
}

/**
 * A mandatory violation's message: the resource and what will exist, why that is unsafe, and the fix. Rules keep
 * the three parts apart so every message carries all of them.
 */
export function violation(what: string, why: string, fix: string): string {
    return `${what}. Why: ${why}. Fix: ${fix}`;
}
