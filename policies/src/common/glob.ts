// IAM-style wildcard patterns (`*` any run of characters, `?` one character), and containment of one pattern in
// another (does every string pattern `q` matches also match `p`?), used to evaluate policy documents by meaning.

const cache = new Map<string, RegExp>();

function regexOf(pattern: string, caseInsensitive: boolean): RegExp {
    const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
    let re = cache.get(key);
    if (!re) {
        const body = pattern.split("").map(c => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
            .join("");
        re = new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
        cache.set(key, re);
    }
    return re;
}

/** Does wildcard pattern `pattern` match the literal string `s`? */
export function globMatch(pattern: string, s: string, caseInsensitive = false): boolean {
    return regexOf(pattern, caseInsensitive).test(s);
}

/**
 * Does pattern `p` cover pattern `q` (every string `q` matches, `p` matches too)? Exact for `*`; a `?` in `p` covers
 * one non-`*` character of `q`.
 */
export function globCovers(p: string, q: string, caseInsensitive = false): boolean {
    const a = caseInsensitive ? p.toLowerCase() : p;
    const b = caseInsensitive ? q.toLowerCase() : q;
    const memo = new Map<number, boolean>();
    const go = (i: number, j: number): boolean => {
        const k = i * (b.length + 1) + j;
        const hit = memo.get(k);
        if (hit !== undefined) {
            return hit;
        }
        let r: boolean;
        if (i === a.length) {
            r = j === b.length;
        } else if (a[i] === "*") {
            r = go(i + 1, j) || (j < b.length && go(i, j + 1));
        } else if (j === b.length || b[j] === "*") {
            r = false;
        } else {
            r = (a[i] === "?" || a[i] === b[j]) && go(i + 1, j + 1);
        }
        memo.set(k, r);
        return r;
    };
    return go(0, 0);
}
