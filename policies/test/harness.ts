// Test harness: runs the verto policies the way the @pulumi/policy 1.21.0 analyzer server does (server.js
// makeAnalyzeRpcFun / makeAnalyzeStackRpcFun), without starting its gRPC server.
//
// Props are produced by the SDK's own code path: the raw wire object (with secret sentinels and unknown sentinel
// strings, as in the stack dumps) becomes a protobuf Struct, goes through the SDK's deserializeProperties(struct, false)
// (wrapped by src/secrets.ts exactly as in the running pack) and is wrapped in the SDK's unknownCheckingProxy.
// Enforcement levels, config and the diagnostics for unknown values and notApplicable() follow server.js.

import * as fs from "fs";
import * as path from "path";
import {
    EnforcementLevel, Policy, PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidationArgs,
    ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { allPolicies, resourcePolicies, stackPolicies } from "../src/policies";
import { installSecretTracking } from "../src/common/secrets";
import { isUnknownValueError } from "../src/common/util";

installSecretTracking();

const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [policyDir] }));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const sdkDeserialize = require("@pulumi/policy/deserialize");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const sdkProxy = require("@pulumi/policy/proxy");

/** The Pulumi wire sentinel for a secret (what the Java dumps contain for secret inputs). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export function wireSecret(value: unknown): Record<string, unknown> {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}
/** The wire value of an unknown string (a computed value during preview). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One resource of a stack dump (target/policy-input/<stack>.json). Optional fields mirror AnalyzeStack's data. */
export interface DumpResource {
    type: string;
    name: string;
    urn?: string;
    props?: Record<string, unknown>;
    /** URN of the resource's provider (when present in the dump, its props are used, e.g. a default namespace). */
    provider?: string;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface StackDump {
    project: string;
    stack: string;
    resources: DumpResource[];
}

/** A policy's diagnostic, shaped like the SDK's (policy name, level, message, urn). */
export interface Diagnostic {
    policy: string;
    level: EnforcementLevel;
    message: string;
    urn?: string;
}

/** Per-policy config as the engine passes it (`{"<policy>": {"enforcementLevel": ..., ...props}}`). */
export type PolicyConfig = Record<string, { enforcementLevel?: EnforcementLevel;[prop: string]: unknown }>;

// The engine sends each resource's inputs once, as a protobuf Struct; server.js deserializes and proxies that Struct
// afresh for every policy. While runPack runs, Structs are cached per inputs object (dumps do not change), so the
// harness pays what the analyzer pays; single-rule tests, which edit inputs between runs, build them every time.
let structs: WeakMap<object, unknown> | undefined;

/** The Struct the engine would send for these raw (wire-format) inputs. */
export function wireStruct(raw: Record<string, unknown> | undefined): unknown {
    const key = raw ?? {};
    let struct = structs?.get(key);
    if (!struct) {
        // Through JSON first: the wire is a protobuf Struct (no undefined, numbers as doubles).
        struct = Struct.fromJavaScript(JSON.parse(JSON.stringify(key)));
        structs?.set(key, struct);
    }
    return struct;
}

/** The props object a policy receives for these raw (wire-format) inputs. */
export function analyzerProps(raw: Record<string, unknown> | undefined): Record<string, any> {
    return sdkProxy.unknownCheckingProxy(sdkDeserialize.deserializeProperties(wireStruct(raw), false));
}

export function urnOf(stack: string, type: string, name: string, project = "verto"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

const defaultOpts = (): PolicyResourceOptions => ({
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
});

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

function isTypeOf(type: string, resourceClass: any): boolean {
    // Same fallback as server.js isTypeOf for classes without an attached type token.
    const token = resourceClass?.__pulumiType;
    if (typeof token === "string") {
        return type === token;
    }
    return typeof resourceClass?.isInstance === "function" && resourceClass.isInstance({ __pulumiType: type }) === true;
}

/** Fake ResourceValidationArgs, as server.js builds them for one Analyze request. */
export function resourceArgs(r: DumpResource, opts: { stack?: string; config?: Record<string, unknown>; provider?: PolicyProviderResource } = {}): ResourceValidationArgs {
    const props = analyzerProps(r.props);
    const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn ?? urnOf(opts.stack ?? "test", r.type, r.name),
        name: r.name,
        opts: defaultOpts(),
        stackTags: new Map(),
        isType: (cls: any) => isTypeOf(r.type, cls),
        asType: ((cls: any) => (isTypeOf(r.type, cls) ? props : undefined)) as any,
        getConfig: <T extends object>() => ({ ...(opts.config ?? {}) }) as T,
        notApplicable: throwNotApplicable,
    };
    if (opts.provider) {
        args.provider = opts.provider;
    }
    return args;
}

/** Fake PolicyResource list, as server.js builds it for AnalyzeStack (parents and dependencies resolved by URN). */
export function stackResources(dump: { stack: string; project?: string; resources: DumpResource[] }): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const built = dump.resources.map(r => {
        const props = analyzerProps(r.props);
        const urn = r.urn ?? urnOf(dump.stack, r.type, r.name, dump.project);
        const res: PolicyResource = {
            type: r.type,
            props,
            urn,
            name: r.name,
            opts: defaultOpts(),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: any) => isTypeOf(r.type, cls),
            asType: ((cls: any) => (isTypeOf(r.type, cls) ? props : undefined)) as any,
        };
        byUrn.set(urn, res);
        return { raw: r, res };
    });
    for (const { raw, res } of built) {
        if (raw.parent && byUrn.has(raw.parent)) {
            res.parent = byUrn.get(raw.parent);
        }
        if (raw.provider && byUrn.has(raw.provider)) {
            const p = byUrn.get(raw.provider)!;
            res.provider = { type: p.type, props: p.props, urn: p.urn, name: p.name };
        }
        res.dependencies = (raw.dependencies ?? []).map(u => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
        for (const [k, urns] of Object.entries(raw.propertyDependencies ?? {})) {
            res.propertyDependencies[k] = urns.map(u => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
        }
    }
    return built.map(b => b.res);
}

function record(ds: Diagnostic[], policy: Policy, level: EnforcementLevel) {
    return (message: string, urn?: string) => ds.push({ policy: policy.name, level, message, urn });
}

/** What the SDK does with an exception from a policy (unknown → advisory diagnostic; notApplicable → nothing). */
function handle(e: unknown, ds: Diagnostic[], policy: Policy): void {
    if (isUnknownValueError(e)) {
        ds.push({ policy: policy.name, level: "advisory", message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}` });
    } else if (!(e instanceof NotApplicableError)) {
        throw e;
    }
}

/** Runs one resource policy on one resource; returns its diagnostics (level as given). */
export function runResourcePolicy(policy: ResourceValidationPolicy, r: DumpResource,
    opts: { stack?: string; config?: Record<string, unknown>; level?: EnforcementLevel; provider?: PolicyProviderResource } = {}): Diagnostic[] {
    const ds: Diagnostic[] = [];
    const level = opts.level ?? policy.enforcementLevel ?? "mandatory";
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const v of validations) {
        if (!v) {
            continue;
        }
        try {
            // server.js deserializes afresh for every validation function.
            const result = v(resourceArgs(r, opts), record(ds, policy, level));
            if (result && typeof (result as Promise<void>).then === "function") {
                throw new Error("async policies are not used in this pack");
            }
        } catch (e) {
            handle(e, ds, policy);
        }
    }
    return ds;
}

/** Runs one stack policy over prepared resources. */
export function runStackPolicy(policy: StackValidationPolicy, resources: PolicyResource[],
    opts: { config?: Record<string, unknown>; level?: EnforcementLevel } = {}): Diagnostic[] {
    const ds: Diagnostic[] = [];
    const level = opts.level ?? policy.enforcementLevel ?? "mandatory";
    const args: StackValidationArgs = {
        resources,
        getConfig: <T extends object>() => ({ ...(opts.config ?? {}) }) as T,
        stackTags: new Map(),
        notApplicable: throwNotApplicable,
    };
    try {
        const result = policy.validateStack(args, record(ds, policy, level));
        if (result && typeof (result as Promise<void>).then === "function") {
            throw new Error("async policies are not used in this pack");
        }
    } catch (e) {
        handle(e, ds, policy);
    }
    return ds;
}

/** Reads a --policy-pack-config file in either accepted form: "<level>" or {"enforcementLevel": "<level>", ...}. */
export function loadPolicyConfig(file: string): PolicyConfig {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const out: PolicyConfig = {};
    for (const [name, v] of Object.entries(raw)) {
        if (typeof v === "string") {
            out[name] = { enforcementLevel: v as EnforcementLevel };
        } else if (v && typeof v === "object" && !Array.isArray(v)) {
            out[name] = { ...(v as Record<string, unknown>) } as PolicyConfig[string];
        } else {
            throw new Error(`${file}: invalid config for ${name}`);
        }
    }
    return out;
}

export const PACK_LEVEL: EnforcementLevel = "mandatory";

/** Effective level, as in server.js: config, else the policy's own level, else the pack's. */
export function effectiveLevel(policy: Policy, config: PolicyConfig = {}): EnforcementLevel {
    return config[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? PACK_LEVEL;
}

/** A policy's config properties (everything but enforcementLevel), as getConfig() returns them. */
export function configProps(policy: Policy, config: PolicyConfig = {}): Record<string, unknown> {
    const { enforcementLevel: _ignored, ...props } = config[policy.name] ?? {};
    return props;
}

/** Runs the whole pack over a stack dump: every resource policy on every resource, then every stack policy. */
export function runPack(dump: StackDump, config: PolicyConfig = {}): Diagnostic[] {
    structs = new WeakMap();
    try {
        return runPackOnce(dump, config);
    } finally {
        structs = undefined;
    }
}

function runPackOnce(dump: StackDump, config: PolicyConfig): Diagnostic[] {
    const ds: Diagnostic[] = [];
    const resources = stackResources(dump);
    const providerOf = new Map(resources.map(r => [r.urn, r.provider]));
    for (const p of resourcePolicies) {
        const level = effectiveLevel(p, config);
        if (level === "disabled") {
            continue;
        }
        for (const r of dump.resources) {
            const urn = r.urn ?? urnOf(dump.stack, r.type, r.name, dump.project);
            ds.push(...runResourcePolicy(p, { ...r, urn }, {
                stack: dump.stack, level: level === "remediate" ? "mandatory" : level, config: configProps(p, config),
                provider: providerOf.get(urn),
            }));
        }
    }
    for (const p of stackPolicies) {
        const level = effectiveLevel(p, config);
        if (level === "disabled") {
            continue;
        }
        // server.js deserializes every resource again for every stack policy.
        const fresh = stackResources(dump);
        ds.push(...runStackPolicy(p, fresh, { level: level === "remediate" ? "mandatory" : level, config: configProps(p, config) }));
    }
    return ds;
}

/** Loads and sanity-checks a stack dump. */
export function loadDump(file: string): StackDump {
    const dump = JSON.parse(fs.readFileSync(file, "utf8")) as StackDump;
    if (typeof dump.stack !== "string" || !Array.isArray(dump.resources)) {
        throw new Error(`${file}: expected {"project", "stack", "resources": [...]}`);
    }
    for (const r of dump.resources) {
        if (typeof r.type !== "string" || typeof r.name !== "string") {
            throw new Error(`${file}: every resource needs a type and a name`);
        }
    }
    return dump;
}

export { allPolicies, resourcePolicies, stackPolicies };

/** Directory of the policy pack (policies/), from the compiled test location (policies/bin/test). */
export const PACK_DIR = path.resolve(__dirname, "..", "..");
export const CONFIG_DIR = path.join(PACK_DIR, "config");
export const STACKS = ["development", "testing", "staging", "production"] as const;
