// How a policy can tell a Pulumi secret from a plaintext value.
//
// What reaches a policy during a real `pulumi preview` / `pulumi up` (read in the sources):
//
//  1. The engine calls the analyzer with the resource's checked inputs, marshalled with
//     `MarshalOptions{KeepUnknowns: true, KeepSecrets: true}` (pulumi/pulumi `pkg/resource/plugin/analyzer_plugin.go`,
//     `Analyze` and `AnalyzeStack`). A secret therefore travels as the wire sentinel object
//     `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": <plaintext>}`
//     and an unknown value as one of the sentinel strings listed in `util.ts`.
//  2. `@pulumi/policy` 1.21.0 (`server.js`, `makeAnalyzeRpcFun` and `makeAnalyzeStackRpcFun`) turns that Struct into
//     `args.props` with `deserializeProperties(req.getProperties(), false)` (`deserialize.js`): with
//     `proxySecrets = false` a secret sentinel is replaced by its plain value. The props are then wrapped in
//     `unknownCheckingProxy` (`proxy.js`). So in `validateResource`/`validateStack` a secret is indistinguishable from
//     plaintext, and there is no option to change that: only the remediation path (`makeRemediateRpcFun`, run only
//     at enforcement level "remediate") deserializes with `proxySecrets = true`, and even there the secrets-preserving
//     proxy hands out the unwrapped value.
//
// The Kubernetes provider, however, marks a Secret's `data` and `stringData` secret itself in `Check`
// (`annotateSecrets` in pulumi-kubernetes `provider/pkg/provider/provider.go`: for kind Secret it wraps both in
// MakeSecret), and the analyzer sees the checked inputs. So under the real engine a Kubernetes Secret always arrives
// secret: its values are encrypted in state whatever the program did, and this rule cannot fire there (seen in
// scripts/engine-test). It does fire on what a program itself registers (the Java tests' dumps, taken before the
// provider's Check), which is where it proves the Verto program hands over secrets only as Pulumi secrets. The guard
// against plaintext secrets in stack files is the program's own config validation (a `secure:` value is required).
//
// The mechanism used here: `installSecretTracking()` (called by index.ts before the PolicyPack starts serving) wraps
// `deserializeProperties` in the SDK's own `deserialize` module. server.js calls it as `deserialize_1.deserializeProperties`,
// a property lookup at call time, so the wrapper runs for every Analyze and AnalyzeStack request. It leaves the
// deserialized props untouched (policies still see plain values) and attaches, under a non-enumerable symbol, the
// list of property paths that were secret on the wire (computed on first read). `secretPathsOf(props)` reads it back.
// If a future SDK stops calling the function this way, `secretPathsOf` returns undefined and the Secret policy fails
// closed with a message saying so.
//
// The tests feed dump files through the same (wrapped) SDK function and the SDK's unknown-checking proxy, so they
// exercise exactly this path; test/pack.test.ts also drives the loaded pack over gRPC like the engine does.

/** Wire signature key and the secret signature (`@pulumi/pulumi/runtime/rpc.js`: specialSigKey, specialSecretSig). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Where the secret paths are attached on the deserialized props. */
export const SECRET_PATHS: unique symbol = Symbol.for("verto-policies.secretPaths") as any;

export type PropertyPath = readonly string[];

interface DeserializeModule {
    deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): any;
    __vertoSecretTracking?: boolean;
}

function deserializeModule(): DeserializeModule {
    // The SDK ships no typings for its internal modules; this is the module server.js requires as "./deserialize".
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require("@pulumi/policy/deserialize") as DeserializeModule;
}

/** Collects the paths (object keys and array indices) of every secret sentinel in a raw wire value. */
export function collectSecretPaths(raw: unknown, path: string[] = [], out: string[][] = []): string[][] {
    if (Array.isArray(raw)) {
        raw.forEach((v, i) => collectSecretPaths(v, [...path, String(i)], out));
    } else if (raw !== null && typeof raw === "object") {
        const obj = raw as Record<string, unknown>;
        if (obj[SIG_KEY] === SECRET_SIG) {
            out.push(path);
            // A secret may wrap further secrets; its own path already covers them.
            return out;
        }
        for (const k of Object.keys(obj)) {
            collectSecretPaths(obj[k], [...path, k], out);
        }
    }
    return out;
}

/**
 * Attaches secret paths to a deserialized props object (non-enumerable, read-only, invisible to JSON and keys). The
 * paths are computed on first read only: converting the wire Struct again for every policy and resource would double
 * the analyzer's deserialization cost, and only the Secret rule reads them.
 */
export function attachSecretPaths(props: object, paths: string[][] | (() => string[][])): void {
    if (props !== null && typeof props === "object" && !Object.prototype.hasOwnProperty.call(props, SECRET_PATHS)) {
        let cached: readonly PropertyPath[] | undefined;
        const freeze = (ps: string[][]) => Object.freeze(ps.map(p => Object.freeze([...p])));
        Object.defineProperty(props, SECRET_PATHS, {
            get: () => (cached ??= freeze(typeof paths === "function" ? paths() : paths)),
            enumerable: false,
            configurable: false,
        });
    }
}

/**
 * Wraps the SDK's deserializeProperties so that every Analyze/AnalyzeStack request records which property paths
 * were secrets on the wire. Idempotent. Returns true when the hook is (now) installed.
 */
export function installSecretTracking(): boolean {
    const mod = deserializeModule();
    if (mod.__vertoSecretTracking) {
        return true;
    }
    const original = mod.deserializeProperties;
    if (typeof original !== "function") {
        return false;
    }
    const wrapped = function (this: unknown, struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean) {
        const props = original.call(this, struct, proxySecrets);
        attachSecretPaths(props, () => collectSecretPaths(struct.toJavaScript()));
        return props;
    };
    mod.deserializeProperties = wrapped;
    mod.__vertoSecretTracking = true;
    return true;
}

/** The secret paths recorded for these props, or undefined when the tracking hook did not see them. */
export function secretPathsOf(props: unknown): readonly PropertyPath[] | undefined {
    if (props === null || typeof props !== "object") {
        return undefined;
    }
    // The SDK's unknown-checking proxy only traps `get`; the descriptor (a lazy getter) comes from the target object.
    const desc = Object.getOwnPropertyDescriptor(props, SECRET_PATHS);
    return desc?.get ? (desc.get() as readonly PropertyPath[]) : desc ? (desc.value as readonly PropertyPath[]) : undefined;
}

/** True when the value at `path` is a secret, or inside one. */
export function isSecretAt(paths: readonly PropertyPath[], path: PropertyPath): boolean {
    return paths.some(p => p.length <= path.length && p.every((k, i) => k === path[i]));
}
